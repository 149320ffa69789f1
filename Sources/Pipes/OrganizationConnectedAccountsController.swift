import EmulatorCore
import Hummingbird
import Organizations
import UserManagement

/// `/organizations/{id}/connected_accounts/{slug}` and `/organizations/{id}/data_providers`: accounts
/// an organization shares. Every write names the member acting (`user_id`), who must be an active member
/// of the organization (else 422); the import records them as `established_by_user_id`.
public struct OrganizationConnectedAccountsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        ConnectedAccountsRoutes(
            owner: { _, context, db in
                let id = try context.parameter("id")
                _ = try OrganizationsAPI.summary(of: id, in: db)
                return .organization(id)
            },
            checkMember: { userID, owner, db in
                guard let userID, let organizationID = owner.organizationID else { return }
                _ = try UserManagementAPI.account(userID, in: db)
                let membership = try UserManagementAPI.memberships(of: userID, in: db).first { $0.organizationID == organizationID }
                guard membership?.status == "active" else {
                    throw APIError(.unprocessableContent, code: "user_not_organization_member",
                                   message: "User '\(userID)' has no active membership in organization '\(organizationID)'.")
                }
            },
            requiresMember: true
        ).addRoutes(to: api, at: "organizations/:id")
    }
}
