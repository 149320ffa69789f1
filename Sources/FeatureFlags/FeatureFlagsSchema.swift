import GRDB

/// The Feature Flags area's tables. Targets hold plain organization and user IDs (those rows belong to
/// other areas); `FlagTargetFollower` removes them when their organization or user goes.
public enum FeatureFlagsSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("feature_flags.v1") { db in
            try db.create(table: FlagRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("slug", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("description", .text)
                t.column("tags", .jsonText).notNull()
                t.column("enabled", .boolean).notNull()
                t.column("default_value", .boolean).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(table: FlagTargetRecord.databaseTableName) { t in
                t.column("flag_id", .text).notNull().references(FlagRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("resource_id", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.primaryKey(["flag_id", "resource_id"])
            }
            try db.create(index: "feature_flag_targets_by_resource", on: FlagTargetRecord.databaseTableName,
                          columns: ["resource_id", "flag_id"])
        }
    }
}
