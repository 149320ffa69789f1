import GRDB

/// The Admin Portal's table: the links handed out, and the browser session each one started.
public enum AdminPortalSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("admin_portal.v1") { db in
            try db.create(table: PortalLinkRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("token", .text).notNull().unique()
                t.column("organization_id", .text).notNull()
                t.column("intent", .text).notNull()
                t.column("return_url", .text)
                t.column("success_url", .text)
                t.column("external_user_id", .text)
                t.column("session", .text)
                t.column("expires_at", .integer).notNull()
                t.column("revoked_at", .integer)
                t.column("created_at", .integer).notNull()
            }
            try db.create(index: "portal_links_by_external_user", on: PortalLinkRecord.databaseTableName,
                          columns: ["organization_id", "external_user_id"])
        }
    }
}
