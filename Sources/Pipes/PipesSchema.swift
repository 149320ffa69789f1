import GRDB

/// The Pipes area's table. Users and organizations belong to other areas, so connected accounts hold
/// their IDs without foreign keys; `ConnectedAccountFollower` follows their deletions.
public enum PipesSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("pipes.v1") { db in
            try db.create(table: ConnectedAccountRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                // `ConnectedAccountOwner.key`: one owner shape (a user, a user in an organization, an
                // organization) holds at most one connection per provider, the compatibility one.
                t.column("owner_key", .text).notNull()
                t.column("provider_slug", .text).notNull()
                t.column("user_id", .text)
                t.column("organization_id", .text)
                t.column("scopes", .jsonText).notNull()
                t.column("state", .text).notNull()
                t.column("state_reason", .text)
                // The provider's tokens the app handed over: kept, never answered.
                t.column("access_token", .text)
                t.column("refresh_token", .text)
                t.column("expires_at", .integer)
                t.column("account_display_name", .text)
                t.column("account_identifier", .text)
                t.column("established_by_user_id", .text)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
                t.uniqueKey(["owner_key", "provider_slug"])
            }
            try db.create(index: "pipes_connected_accounts_by_user", on: ConnectedAccountRecord.databaseTableName,
                          columns: ["user_id"])
            try db.create(index: "pipes_connected_accounts_by_organization", on: ConnectedAccountRecord.databaseTableName,
                          columns: ["organization_id"])
        }
    }
}
