import GRDB

/// The API Keys area's table. Owners (organizations, users) and permissions belong to other areas, so
/// keys hold their IDs and slugs without foreign keys; `APIKeyFollower` follows their deletions.
public enum APIKeysSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("api_keys.v1") { db in
            try db.create(table: APIKeyRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("owner_type", .text).notNull()
                t.column("owner_id", .text).notNull()
                // The organization the key acts in: its owner, or its user's organization.
                t.column("organization_id", .text).notNull()
                t.column("name", .text).notNull()
                // SHA-256 of the secret value, which is shown once and never stored.
                t.column("value_hash", .text).notNull().unique()
                t.column("obfuscated_value", .text).notNull()
                t.column("permissions", .jsonText).notNull()
                t.column("expires_at", .integer)
                t.column("last_used_at", .integer)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            // An owner's keys, and a user's keys in one organization, page by ID.
            try db.create(index: "api_keys_by_owner", on: APIKeyRecord.databaseTableName, columns: ["owner_id", "id"])
            try db.create(index: "api_keys_by_owner_and_organization", on: APIKeyRecord.databaseTableName,
                          columns: ["owner_id", "organization_id", "id"])
            try db.create(index: "api_keys_by_organization", on: APIKeyRecord.databaseTableName, columns: ["organization_id"])
        }
    }
}
