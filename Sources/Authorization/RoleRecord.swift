import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_roles`: an environment role (no organization), or an organization's custom
/// role. Roles are addressed by slug; a custom role's slug begins with `org-`.
struct RoleRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "authorization_roles"

    var id: String
    var slug: String
    var organizationId: String?
    var name: String
    var description: String?
    var resourceTypeSlug: String
    var createdAt: Date
    var updatedAt: Date

    var isEnvironmentRole: Bool { organizationId == nil }

    /// `role.*` for environment roles, `organization_role.*` for custom ones.
    var eventPrefix: String { isEnvironmentRole ? "role" : "organization_role" }

    func wire(permissions: [String]) -> JSON {
        [
            "slug": .string(slug),
            "object": "role",
            "id": .string(id),
            "name": .string(name),
            "description": .string(description),
            "type": isEnvironmentRole ? "EnvironmentRole" : "OrganizationRole",
            "resource_type_slug": .string(resourceTypeSlug),
            "permissions": .strings(permissions),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    func wire(in db: Database) throws -> JSON {
        wire(permissions: try RolePermissions.slugs(of: id, in: db))
    }

    /// As the spec's `role.*` and `organization_role.*` events carry it: no ID, and a custom role
    /// names its organization.
    func eventWire(in db: Database) throws -> JSON {
        let permissions = JSON.strings(try RolePermissions.slugs(of: id, in: db))
        guard let organizationId else {
            return [
                "object": "role",
                "slug": .string(slug),
                "resource_type_slug": .string(resourceTypeSlug),
                "permissions": permissions,
                "created_at": .timestamp(createdAt),
                "updated_at": .timestamp(updatedAt),
            ]
        }
        return [
            "object": "organization_role",
            "organization_id": .string(organizationId),
            "slug": .string(slug),
            "name": .string(name),
            "description": .string(description),
            "resource_type_slug": .string(resourceTypeSlug),
            "permissions": permissions,
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func environmentRole(_ slug: String, in db: Database) throws -> RoleRecord? {
        try filter(Column("slug") == slug && Column("organization_id") == nil).fetchOne(db)
    }

    static func customRole(_ slug: String, of organizationID: String, in db: Database) throws -> RoleRecord? {
        try filter(Column("slug") == slug && Column("organization_id") == organizationID).fetchOne(db)
    }

    /// The role a slug names in an organization: its custom role, or else the environment role. (Slugs
    /// cannot clash: creating either kind refuses a slug the other already has.)
    static func resolve(_ slug: String, in organizationID: String, db: Database) throws -> RoleRecord? {
        try customRole(slug, of: organizationID, in: db) ?? environmentRole(slug, in: db)
    }

    /// Environment roles in priority order: the order they were made in.
    static func environmentRoles(in db: Database) throws -> [RoleRecord] {
        try filter(Column("organization_id") == nil).order(Column("id")).fetchAll(db)
    }

    static func customRoles(of organizationID: String, in db: Database) throws -> [RoleRecord] {
        try filter(Column("organization_id") == organizationID).order(Column("id")).fetchAll(db)
    }

    /// `{"object": "list", "data": […]}`: role lists are not paginated.
    static func listWire(_ roles: [RoleRecord], in db: Database) throws -> JSON {
        let permissions = try RolePermissions.slugs(of: roles.map(\.id), in: db)
        return ["object": "list", "data": .array(roles.map { $0.wire(permissions: permissions[$0.id] ?? []) })]
    }
}
