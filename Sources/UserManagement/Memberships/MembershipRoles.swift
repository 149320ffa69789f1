import EmulatorCore
import GRDB

/// The roles a membership (or an invitation) asks for.
enum MembershipRoles {
    /// WorkOS's default role, given when a request names none.
    static let defaultSlug = "member"

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

    /// The seam where Authorization (RBAC) plugs in: it will check that each slug is a role of the
    /// environment or of the organization (`invalid_role`: 422 on memberships, 400 on invitations) and
    /// that several roles are enabled (`multiple_roles_not_enabled`). Until that area exists, every slug
    /// is accepted as given.
    static func validate(_ slugs: [String], organizationID: String, in db: Database) throws -> [String] {
        slugs
    }
}
