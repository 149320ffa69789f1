import EmulatorCore
import GRDB
import Hummingbird
import UserManagement

/// A user's sessions (`GET /user_management/users/{id}/sessions`) and revoking one
/// (`POST /user_management/sessions/revoke`): its refresh token stops working at once.
public struct SessionsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("user_management/users/:id/sessions", use: list)
        api.post("user_management/sessions/revoke", use: revoke)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let userID = try context.parameter("id")
        let list = try ListQuery(QueryParameters(request))
        let environment = try context.env()
        let page = try await environment.read { db in
            _ = try UserManagementAPI.account(userID, in: db)
            return try SessionRecord.filter(Column("user_id") == userID).page(list, in: db)
        }
        let now = environment.clock.now()
        return .json(page.wire { $0.wire(at: now) })
    }

    /// 200 with no body, as the spec has it; an unknown session is its 400 `{message}`.
    @Sendable func revoke(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let sessionID = try await JSONBody.read(request).requiredString("session_id")
        try await context.env().write { tx in
            guard var session = try SessionRecord.find(sessionID, in: tx.db) else {
                throw APIError(.badRequest, message: "Session not found: '\(sessionID)'.")
            }
            try session.revoke(in: tx)
        }
        return Response(status: .ok)
    }
}
