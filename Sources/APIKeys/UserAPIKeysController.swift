import EmulatorCore
import Hummingbird
import Organizations
import UserManagement

/// `/user_management/users/{id}/api_keys`: the keys a user holds, each in one of their organizations,
/// and issuing one. The user must be an active member of the key's organization.
public struct UserAPIKeysController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("user_management/users/:id/api_keys", use: list)
        api.post("user_management/users/:id/api_keys", use: create)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let userID = try context.parameter("id")
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let organizationID = query.string("organization_id")
        return .json(try await context.env().read { db in
            _ = try UserManagementAPI.account(userID, in: db)
            return try APIKeyRecord.owned(by: userID, organizationID: organizationID).page(list, in: db)
        }.wire)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let userID = try context.parameter("id")
        let new = try NewAPIKey(body: try await JSONBody.read(request), for: .user)
        // Always present: a user's key cannot be asked for without it.
        let organizationID = new.organizationID ?? ""
        let created = try await context.env().write { tx in
            _ = try UserManagementAPI.account(userID, in: tx.db)
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            let membership = try UserManagementAPI.memberships(of: userID, in: tx.db).first { $0.organizationID == organizationID }
            guard membership?.status == "active" else {
                throw APIError(.unprocessableContent,
                               message: "User '\(userID)' has no active membership in organization '\(organizationID)'.")
            }
            return try APIKeyRecord.issue(new, to: .user(userID, organizationID: organizationID), in: tx)
        }
        return .json(created, status: .created)
    }
}
