import EmulatorCore
import GRDB
import Organizations
import UserManagement

/// What a template reads for one token: `user`, and in an organization `organization` (with its
/// domains and metadata) and `organization_membership`, each as the API shows it. The membership's
/// `custom_attributes` (IdP attributes) are not modelled, so they resolve to null.
enum JWTTemplateContext {
    static func make(user: UserAccount, membership: MembershipSummary?, in db: Database) throws -> JSON {
        var context: JSONObject = ["user": user.wire]
        if let membership {
            context["organization"] = try OrganizationsAPI.organization(membership.organizationID, in: db)
            context["organization_membership"] = [
                "object": "organization_membership",
                "id": .string(membership.id),
                "user_id": .string(user.id),
                "organization_id": .string(membership.organizationID),
                "organization_name": .string(membership.organizationName),
                "status": .string(membership.status),
                "role": ["slug": .string(membership.roleSlugs[0])],
                "roles": .array(membership.roleSlugs.map { ["slug": .string($0)] }),
            ]
        }
        return .object(context)
    }
}
