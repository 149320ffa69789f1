import EmulatorCore
import GRDB

/// The Directory Sync area's tables. Every list is paged through an `(owner, id)` index; user names,
/// emails and group names compare without case, as SCIM's `userName eq` and WorkOS's filters do.
public enum DirectorySyncSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("directory_sync.v1") { db in
            try db.create(table: DirectoryRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("organization_id", .text).notNull()
                t.column("name", .text).notNull()
                t.column("type", .text).notNull()
                t.column("state", .text).notNull()
                t.column("domain", .text).collate(.nocase)
                t.column("external_key", .text).notNull()
                t.column("scim_secret", .text).notNull()
                t.column("sync_requested_at", .integer)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
                t.column(groupRoles)
            }
            try db.create(index: "directories_by_organization", on: DirectoryRecord.databaseTableName,
                          columns: ["organization_id", "id"])
            try db.create(index: "directories_by_domain", on: DirectoryRecord.databaseTableName, columns: ["domain", "id"])

            try db.create(table: DirectoryUserRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("directory_id", .text).notNull()
                    .references(DirectoryRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("organization_id", .text).notNull()
                t.column("idp_id", .text).notNull()
                t.column("external_id", .text)
                t.column("username", .text).notNull().collate(.nocase)
                t.column("email", .text).collate(.nocase)
                t.column("first_name", .text)
                t.column("last_name", .text)
                t.column("name", .text)
                t.column("job_title", .text)
                t.column("state", .text).notNull()
                t.column("emails", .jsonText).notNull()
                t.column("custom_attributes", .jsonText).notNull()
                t.column("raw_attributes", .jsonText).notNull()
                t.column("roles", .jsonText).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "directory_users_by_directory", on: DirectoryUserRecord.databaseTableName,
                          columns: ["directory_id", "id"])
            try db.create(index: "directory_users_by_username", on: DirectoryUserRecord.databaseTableName,
                          columns: ["directory_id", "username"], unique: true)
            try db.create(index: "directory_users_by_external_id", on: DirectoryUserRecord.databaseTableName,
                          columns: ["directory_id", "external_id"])
            try db.create(index: "directory_users_by_idp_id", on: DirectoryUserRecord.databaseTableName,
                          columns: ["directory_id", "idp_id"])
            try db.create(index: "directory_users_by_email", on: DirectoryUserRecord.databaseTableName,
                          columns: ["directory_id", "email"])

            try db.create(table: DirectoryGroupRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("directory_id", .text).notNull()
                    .references(DirectoryRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("organization_id", .text).notNull()
                t.column("idp_id", .text).notNull()
                t.column("external_id", .text)
                t.column("name", .text).notNull().collate(.nocase)
                t.column("raw_attributes", .jsonText).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "directory_groups_by_directory", on: DirectoryGroupRecord.databaseTableName,
                          columns: ["directory_id", "id"])
            try db.create(index: "directory_groups_by_name", on: DirectoryGroupRecord.databaseTableName,
                          columns: ["directory_id", "name"])
            try db.create(index: "directory_groups_by_external_id", on: DirectoryGroupRecord.databaseTableName,
                          columns: ["directory_id", "external_id"])

            // A member is a user or, for nested groups, another group of the same directory.
            try db.create(table: GroupMemberRecord.databaseTableName) { t in
                t.column("group_id", .text).notNull()
                    .references(DirectoryGroupRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("member_id", .text).notNull()
                t.column("member_type", .text).notNull()
                t.primaryKey(["group_id", "member_id"])
            }
            try db.create(index: "directory_group_members_by_member", on: GroupMemberRecord.databaseTableName,
                          columns: ["member_id", "group_id"])
        }
        // v1 creates it; this brings older databases level.
        migrator.registerMigration("directory_sync.v2.group_roles") { db in
            try db.add(groupRoles, toOlder: DirectoryRecord.databaseTableName)
        }
    }

    /// Group → role mappings, a JSON array in the directory's row.
    private static let groupRoles = AddedColumn("group_roles", .jsonText) { $0.notNull().defaults(to: "[]") }
}
