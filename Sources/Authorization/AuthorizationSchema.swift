import EmulatorCore
import Foundation
import GRDB

/// The Authorization area's tables. Roles, permissions, resources and role assignments refer to one
/// another through foreign keys; the organizations and memberships they name belong to other areas, so
/// those rows follow `organization.*` and `organization_membership.deleted` events instead (see
/// `OrganizationFollower`, `MembershipFollower`).
public enum AuthorizationSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("authorization.v1") { db in
            try createRolesAndPermissions(db)
            try createResources(db)
            try createGroups(db)
            try createAssignments(db, named: RoleAssignmentRecord.databaseTableName)
            try indexAssignments(db)
            try seedEnvironmentRoles(db)
        }
        // v1 creates what v2 added; this brings older databases level. Creating the final tables in v1
        // spares a new database the rebuild, whose drop and rename each make SQLite parse the whole schema.
        migrator.registerMigration("authorization.v2.groups") { db in
            guard try !db.has(table: GroupRecord.databaseTableName) else { return }
            try createGroups(db)
            try deriveAssignmentsFromGroups(db)
        }
    }

    private static func createRolesAndPermissions(_ db: Database) throws {
        try db.create(table: PermissionRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("slug", .text).notNull().unique()
            t.column("name", .text).notNull()
            t.column("description", .text)
            t.column("system", .boolean).notNull()
            t.column("resource_type_slug", .text).notNull()
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        try db.create(table: RoleRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("slug", .text).notNull()
            t.column("organization_id", .text)  // nil for an environment role
            t.column("name", .text).notNull()
            t.column("description", .text)
            t.column("resource_type_slug", .text).notNull()
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        // A slug names one environment role, and at most one custom role per organization.
        try db.execute(sql: """
            CREATE UNIQUE INDEX authorization_environment_roles_by_slug ON authorization_roles(slug)
            WHERE organization_id IS NULL;
            CREATE UNIQUE INDEX authorization_organization_roles_by_slug ON authorization_roles(organization_id, slug)
            WHERE organization_id IS NOT NULL;
            """)
        try db.create(table: RolePermissions.databaseTableName) { t in
            t.column("role_id", .text).notNull().references(RoleRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("permission_id", .text).notNull().references(PermissionRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.primaryKey(["role_id", "permission_id"])
        }
        try db.create(index: "authorization_role_permissions_by_permission", on: RolePermissions.databaseTableName,
                      columns: ["permission_id"])
    }

    private static func createResources(_ db: Database) throws {
        try db.create(table: ResourceRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("organization_id", .text).notNull()
            t.column("resource_type_slug", .text).notNull()
            t.column("external_id", .text).notNull()
            t.column("name", .text).notNull()
            t.column("description", .text)
            // Deleting a resource takes its descendants (the API refuses unless asked to cascade).
            t.column("parent_resource_id", .text).references(ResourceRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
            t.uniqueKey(["organization_id", "resource_type_slug", "external_id"])
        }
        try db.create(index: "authorization_resources_by_organization", on: ResourceRecord.databaseTableName,
                      columns: ["organization_id", "id"])
        try db.create(index: "authorization_resources_by_type", on: ResourceRecord.databaseTableName,
                      columns: ["resource_type_slug", "id"])
        try db.create(index: "authorization_resources_by_parent", on: ResourceRecord.databaseTableName,
                      columns: ["parent_resource_id", "id"])
    }

    /// An organization's groups, their members (memberships of the organization) and the roles the
    /// groups are given on resources.
    private static func createGroups(_ db: Database) throws {
        try db.create(table: GroupRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("organization_id", .text).notNull()
            t.column("name", .text).notNull()
            t.column("description", .text)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        try db.create(index: "authorization_groups_by_organization", on: GroupRecord.databaseTableName,
                      columns: ["organization_id", "id"])
        try db.create(table: GroupMemberRecord.databaseTableName) { t in
            t.column("group_id", .text).notNull().references(GroupRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("organization_membership_id", .text).notNull()
            t.column("created_at", .integer).notNull()
            t.primaryKey(["group_id", "organization_membership_id"])
        }
        try db.create(index: "authorization_group_members_by_membership", on: GroupMemberRecord.databaseTableName,
                      columns: ["organization_membership_id", "group_id"])
        try db.create(table: GroupRoleAssignmentRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("group_id", .text).notNull().references(GroupRecord.databaseTableName, column: "id", onDelete: .cascade)
            // No cascade, as for memberships' assignments: an assigned role cannot be deleted.
            t.column("role_id", .text).notNull().references(RoleRecord.databaseTableName, column: "id")
            t.column("resource_id", .text).notNull().references(ResourceRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
            t.uniqueKey(["group_id", "role_id", "resource_id"])
        }
        try db.create(index: "authorization_group_role_assignments_by_group", on: GroupRoleAssignmentRecord.databaseTableName,
                      columns: ["group_id", "id"])
        try db.create(index: "authorization_group_role_assignments_by_role", on: GroupRoleAssignmentRecord.databaseTableName,
                      columns: ["role_id"])
        try db.create(index: "authorization_group_role_assignments_by_resource", on: GroupRoleAssignmentRecord.databaseTableName,
                      columns: ["resource_id"])
    }

    /// A group's role assignment is held by each of its members as a role assignment of their own
    /// (`source.type: group`), which goes with the group's: `group_role_assignment_id`. A role may be
    /// held on a resource both directly and through several groups, so the uniqueness of (membership,
    /// role, resource) holds among direct assignments only (`indexAssignments`).
    private static func createAssignments(_ db: Database, named table: String) throws {
        try db.create(table: table) { t in
            t.primaryKey("id", .text)
            t.column("organization_membership_id", .text).notNull()
            t.column("organization_id", .text).notNull()
            // No cascade: a role that is assigned cannot be deleted (409 `role_has_assignments`).
            t.column("role_id", .text).notNull().references(RoleRecord.databaseTableName, column: "id")
            t.column("resource_id", .text).notNull().references(ResourceRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("group_role_assignment_id", .text)
                .references(GroupRoleAssignmentRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
    }

    private static func indexAssignments(_ db: Database) throws {
        let table = RoleAssignmentRecord.databaseTableName
        try db.execute(sql: """
            CREATE UNIQUE INDEX authorization_direct_role_assignments ON \(table)(organization_membership_id, role_id, resource_id)
            WHERE group_role_assignment_id IS NULL;
            CREATE UNIQUE INDEX authorization_role_assignments_by_group_assignment ON \(table)(group_role_assignment_id, organization_membership_id)
            WHERE group_role_assignment_id IS NOT NULL;
            """)
        try db.create(index: "authorization_role_assignments_by_membership", on: table, columns: ["organization_membership_id", "id"])
        try db.create(index: "authorization_role_assignments_by_organization", on: table, columns: ["organization_id"])
        try db.create(index: "authorization_role_assignments_by_role", on: table, columns: ["role_id"])
        try db.create(index: "authorization_role_assignments_by_resource", on: table, columns: ["resource_id"])
    }

    /// Databases made before groups held direct assignments only, unique per (membership, role,
    /// resource). SQLite cannot drop a table's unique key, so the table is rebuilt.
    private static func deriveAssignmentsFromGroups(_ db: Database) throws {
        let table = RoleAssignmentRecord.databaseTableName
        try createAssignments(db, named: "\(table)_new")
        try db.execute(sql: """
            INSERT INTO \(table)_new (id, organization_membership_id, organization_id, role_id, resource_id, created_at, updated_at)
            SELECT id, organization_membership_id, organization_id, role_id, resource_id, created_at, updated_at FROM \(table);
            DROP TABLE \(table);
            ALTER TABLE \(table)_new RENAME TO \(table);
            """)
        try indexAssignments(db)
    }

    /// Every WorkOS environment starts with the environment roles `member` (the default) and `admin`.
    /// Seeded here, they are part of the empty template that new and reset environments copy.
    private static func seedEnvironmentRoles(_ db: Database) throws {
        let now = Date().wholeMilliseconds
        // A generator of their own keeps the two IDs in this order whatever other threads mint meanwhile.
        let ids = ObjectIDGenerator()
        for (slug, name) in [(AuthorizationAPI.defaultRoleSlug, "Member"), ("admin", "Admin")] {
            try RoleRecord(id: ids.make("role", at: now), slug: slug, organizationId: nil, name: name,
                           description: nil, resourceTypeSlug: AuthorizationAPI.organizationResourceType,
                           createdAt: now, updatedAt: now).insert(db)
        }
    }
}
