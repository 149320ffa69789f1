import EmulatorCore
import GRDB

/// What other areas may know of roles and permissions. Their records stay inside this target.
public enum AuthorizationAPI {
    /// The role a membership gets when it is given none.
    public static let defaultRoleSlug = "member"
    /// The resource type of organizations, the roots of every resource tree, and the scope of roles a
    /// membership may hold.
    public static let organizationResourceType = "organization"

    public struct Role: Sendable, Equatable {
        public let slug: String
        public let resourceTypeSlug: String
    }

    /// The role a slug names in an organization (its custom role, or else the environment role), or nil.
    public static func role(_ slug: String, in organizationID: String, db: Database) throws -> Role? {
        try RoleRecord.resolve(slug, in: organizationID, db: db).map { Role(slug: $0.slug, resourceTypeSlug: $0.resourceTypeSlug) }
    }

    /// The permissions a membership holds across its organization, each once, sorted (what a session's
    /// `permissions` claim carries): those of its roles (slugs that name no role grant nothing), and of
    /// the roles assigned to it on the organization itself, directly or through its groups.
    public static func permissions(ofMembership membershipID: String, roles slugs: [String], in organizationID: String,
                                   db: Database) throws -> [String] {
        var roleIDs = try slugs.compactMap { try RoleRecord.resolve($0, in: organizationID, db: db)?.id }
        if let root = try ResourceRecord.root(of: organizationID, in: db) {
            roleIDs += try RoleAssignmentRecord.roleIDs(of: membershipID, on: [root.id], in: db)
        }
        return try permissions(ofRoleIDs: roleIDs, db: db)
    }

    /// The slugs that name no permission of the environment, in the order given (what API keys may not
    /// be granted).
    public static func unknownPermissions(_ slugs: [String], in db: Database) throws -> [String] {
        let known = Set(try PermissionRecord.filter(slugs.contains(Column("slug"))).fetchAll(db).map(\.slug))
        return slugs.filter { !known.contains($0) }
    }

    private static func permissions(ofRoleIDs roleIDs: [String], db: Database) throws -> [String] {
        Set(try RolePermissions.slugs(of: roleIDs, in: db).values.joined()).sorted()
    }
}
