import EmulatorCore
import Hummingbird
import Organizations
import UserManagement

/// `/user_management/users/{id}/connected_accounts/{slug}` and `/user_management/users/{id}/data_providers`:
/// a user's own accounts, each either unscoped or scoped to one organization (`organization_id` in the
/// query), which are different owners: a user may hold one of each per provider.
public struct UserConnectedAccountsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        ConnectedAccountsRoutes(
            owner: { request, context, db in
                let id = try context.parameter("id")
                _ = try UserManagementAPI.account(id, in: db)
                let organizationID = QueryParameters(request).string("organization_id")
                if let organizationID { _ = try OrganizationsAPI.summary(of: organizationID, in: db) }
                return .user(id, organizationID: organizationID)
            },
            checkMember: { _, _, _ in },
            requiresMember: false
        ).addRoutes(to: api, at: "user_management/users/:id")
    }
}
