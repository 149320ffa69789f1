import GRDB

/// The platform teams area's table: teams created through `POST /platform/teams`.
public enum PlatformTeamsSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("platform_teams.v1") { db in
            try db.create(table: TeamRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("admin_email", .text).notNull()
                t.column("production_state", .text).notNull()
                t.column("production_enabled_at", .integer)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
        }
    }
}
