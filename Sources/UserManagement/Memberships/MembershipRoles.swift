import Authorization
import EmulatorCore
import GRDB
import Hummingbird

/// The roles a membership (or an invitation) asks for.
enum MembershipRoles {
    /// WorkOS's default role, given when a request names none.
    static let defaultSlug = AuthorizationAPI.defaultRoleSlug

    /// `role_slug` or `role_slugs` (mutually exclusive); nil when the body names neither.
    static func read(from body: JSONBody) throws -> [String]? {
        let single = try body.string("role_slug")
        let multiple = try body.stringArray("role_slugs")
        if single != nil && multiple != nil {
            throw APIError.invalidParameter("role_slugs", code: "invalid_value",
                                            "Provide either role_slug or role_slugs, not both.")
        }
        if let single {
            guard !single.isEmpty else { throw JSONBody.required("role_slug") }
            return [single]
        }
        guard let multiple else { return nil }
        guard !multiple.isEmpty, multiple.allSatisfy({ !$0.isEmpty }) else {
            throw APIError.invalidParameter("role_slugs", code: "invalid_value", "role_slugs must name at least one role.")
        }
        var seen: Set<String> = []
        return multiple.filter { seen.insert($0).inserted }
    }

    /// Each slug must name a role of the organization (an environment role or one of its custom roles):
    /// `invalid_role` otherwise, a 422 on memberships and a 400 on invitations (`status`). A membership's
    /// roles are organization-level, so a role scoped to another resource type is refused
    /// (`sub_resource_scoped_role_not_allowed`). Several roles are always allowed: the emulator treats
    /// multiple roles as enabled.
    static func validate(_ slugs: [String], organizationID: String, in db: Database,
                         status: HTTPResponse.Status = .unprocessableContent) throws -> [String] {
        for slug in slugs {
            guard let role = try AuthorizationAPI.role(slug, in: organizationID, db: db) else {
                throw APIError(status, code: "invalid_role", message: "Role '\(slug)' is not a valid role.")
            }
            guard role.resourceTypeSlug == AuthorizationAPI.organizationResourceType else {
                throw APIError(status, code: "sub_resource_scoped_role_not_allowed",
                               message: "Sub-resource scoped roles are not allowed for this operation.",
                               extra: ["role_slug": .string(slug)])
            }
        }
        return slugs
    }
}
