import GRDB

/// The Radar area's tables: the attempts it assessed and the entries of the environment's allow and
/// block lists.
public enum RadarSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("radar.v1") { db in
            try db.create(table: RadarAttemptRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("email", .text).notNull()
                t.column("ip_address", .text).notNull()
                t.column("user_agent", .text).notNull()
                t.column("auth_method", .text).notNull()
                t.column("action", .text).notNull()
                t.column("signals_id", .text)
                t.column("verdict", .text).notNull()
                t.column("reason", .text).notNull()
                t.column("control", .text)
                t.column("blocklist_type", .text)
                t.column("challenge_status", .text)
                t.column("attempt_status", .text)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(table: RadarListEntryRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("list_type", .text).notNull()
                t.column("action", .text).notNull()
                t.column("entry", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.uniqueKey(["list_type", "action", "entry"])
            }
        }
    }
}
