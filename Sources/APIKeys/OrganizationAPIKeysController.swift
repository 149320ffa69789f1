import EmulatorCore
import Hummingbird
import Organizations

/// `/organizations/{id}/api_keys`: the keys an organization holds, and issuing one.
public struct OrganizationAPIKeysController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("organizations/:id/api_keys", use: list)
        api.post("organizations/:id/api_keys", use: create)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("id")
        let list = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: organizationID, in: db)
            return try APIKeyRecord.owned(by: organizationID).page(list, in: db)
        }.wire)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("id")
        let new = try NewAPIKey(body: try await JSONBody.read(request), for: .organization)
        let created = try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            return try APIKeyRecord.issue(new, to: .organization(organizationID), in: tx)
        }
        return .json(created, status: .created)
    }
}
