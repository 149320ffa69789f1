import EmulatorCore
import Hummingbird

/// `/platform/teams`: creating a team and reading it back.
public struct TeamsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("platform/teams")
        group.post(use: create)
        group.get(":team_id", use: get)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let name = try body.requiredString("name")
        let adminEmail = try body.requiredString("admin_email")
        guard adminEmail.split(separator: "@", omittingEmptySubsequences: false).count == 2 else {
            throw APIError.invalidParameter("admin_email", code: "invalid_email", "admin_email must be an email address.")
        }
        return .json(try await context.env().write { tx in
            try TeamRecord.create(name: name, adminEmail: adminEmail, in: tx).wire
        }, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("team_id")
        return .json(try await context.env().read { db in try TeamRecord.find(id, in: db).wire })
    }
}
