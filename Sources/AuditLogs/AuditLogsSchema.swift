import GRDB

/// The Audit Logs area's tables. Events are read by organization and time range, narrowed by action or
/// actor, so each of those filters has a composite index ending in `occurred_at`.
public enum AuditLogsSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("audit_logs.v1") { db in
            try db.create(table: AuditLogActionRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull().unique()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(table: AuditLogSchemaRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("action_name", .text).notNull()
                    .references(AuditLogActionRecord.databaseTableName, column: "name", onDelete: .cascade)
                t.column("version", .integer).notNull()
                t.column("actor", .jsonText)
                t.column("targets", .jsonText).notNull()
                t.column("metadata", .jsonText)
                t.column("created_at", .integer).notNull()
                t.uniqueKey(["action_name", "version"])
            }
            try db.create(index: "audit_log_schemas_by_action", on: AuditLogSchemaRecord.databaseTableName,
                          columns: ["action_name", "id"])
            try db.create(table: AuditLogEventRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("organization_id", .text).notNull()
                t.column("action", .text).notNull()
                t.column("occurred_at", .integer).notNull()
                t.column("actor_id", .text).notNull()
                t.column("actor_type", .text).notNull()
                t.column("actor_name", .text)
                t.column("actor_metadata", .jsonText)
                t.column("targets", .jsonText).notNull()
                t.column("location", .text).notNull()
                t.column("user_agent", .text)
                t.column("metadata", .jsonText)
                t.column("version", .integer)
                t.column("created_at", .integer).notNull()
            }
            for (name, columns) in [
                ("by_time", ["organization_id", "occurred_at"]),
                ("by_action", ["organization_id", "action", "occurred_at"]),
                ("by_actor_id", ["organization_id", "actor_id", "occurred_at"]),
                ("by_actor_name", ["organization_id", "actor_name", "occurred_at"]),
            ] {
                try db.create(index: "audit_log_events_\(name)", on: AuditLogEventRecord.databaseTableName, columns: columns)
            }
            try db.create(table: AuditLogExportRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("organization_id", .text).notNull()
                t.column("state", .text).notNull()
                t.column("download_token", .text).notNull()
                t.column("csv", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "audit_log_exports_by_organization", on: AuditLogExportRecord.databaseTableName,
                          columns: ["organization_id"])
            try db.create(table: AuditLogRetentionRecord.databaseTableName) { t in
                t.primaryKey("organization_id", .text)
                t.column("retention_period_in_days", .integer).notNull()
            }
        }
    }
}
