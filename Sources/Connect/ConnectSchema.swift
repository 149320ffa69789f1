import GRDB

/// The Connect area's tables. Applications name their organization without a foreign key (areas do not
/// reach into each other's tables; `ConnectFollower` follows deletions instead); client
/// secrets hang off their application and go with it.
public enum ConnectSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("connect.v1") { db in
            try db.create(table: ConnectApplicationRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("client_id", .text).notNull().unique()
                t.column("application_type", .text).notNull()
                t.column("name", .text).notNull()
                t.column("description", .text)
                t.column("scopes", .jsonText).notNull()
                t.column("organization_id", .text)
                // OAuth applications only; an M2M application keeps them empty and false.
                t.column("redirect_uris", .jsonText).notNull()
                t.column("uses_pkce", .boolean).notNull()
                t.column("is_first_party", .boolean).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "connect_applications_by_organization", on: ConnectApplicationRecord.databaseTableName,
                          columns: ["organization_id", "id"])
            try db.create(table: ClientSecretRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("application_id", .text).notNull()
                    .references(ConnectApplicationRecord.databaseTableName, column: "id", onDelete: .cascade)
                // SHA-256 of the secret, which is shown once and never stored.
                t.column("secret_hash", .text).notNull()
                t.column("secret_hint", .text).notNull()
                t.column("last_used_at", .integer)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "connect_client_secrets_by_application", on: ClientSecretRecord.databaseTableName,
                          columns: ["application_id", "id"])
        }
        // Users and organizations belong to other areas: plain IDs, followed by `ConnectFollower`.
        migrator.registerMigration("connect.v2.authorizations") { db in
            try db.create(table: AuthorizationRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("application_id", .text).notNull()
                    .references(ConnectApplicationRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("user_id", .text).notNull()
                t.column("organization_id", .text)
                t.column("granted_scopes", .jsonText).notNull()
                t.column("oauth_resource", .text)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "connect_authorizations_by_user", on: AuthorizationRecord.databaseTableName,
                          columns: ["user_id", "id"])
            try db.create(index: "connect_authorizations_by_organization", on: AuthorizationRecord.databaseTableName,
                          columns: ["organization_id", "id"])
            try db.create(index: "connect_authorizations_by_application", on: AuthorizationRecord.databaseTableName,
                          columns: ["application_id"])
        }
    }
}
