import EmulatorCore
import GRDB

/// The Admin Portal's tables: the links handed out, the browser session each one started, and the
/// organizations' IT contacts (organizations are another area's: `PortalOrganizationDeletion` follows them).
public enum AdminPortalSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("admin_portal.v1") { db in
            try createITContacts(db)
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
                t.column(itContactID)
                t.column(intents)
            }
            try db.create(index: "portal_links_by_external_user", on: PortalLinkRecord.databaseTableName,
                          columns: ["organization_id", "external_user_id"])
            try createLinksByITContact(db)
        }
        // v1 creates what v2 added; this brings older databases level (see `AddedColumn`).
        migrator.registerMigration("admin_portal.v2.it_contacts") { db in
            guard try !db.has(table: ITContactRecord.databaseTableName) else { return }
            try createITContacts(db)
            try db.add(itContactID, toOlder: PortalLinkRecord.databaseTableName)
            try db.add(intents, toOlder: PortalLinkRecord.databaseTableName)
            try createLinksByITContact(db)
        }
    }

    /// IT contacts, and the portal links mailed to them as invitations.
    private static func createITContacts(_ db: Database) throws {
        try db.create(table: ITContactRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("organization_id", .text).notNull()
            t.column("email", .text).notNull()
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
            t.uniqueKey(["organization_id", "email"])
        }
    }

    private static let itContactID = AddedColumn("it_contact_id", .text) {
        $0.references(ITContactRecord.databaseTableName, column: "id", onDelete: .setNull)
    }
    private static let intents = AddedColumn("intents", .jsonText)

    private static func createLinksByITContact(_ db: Database) throws {
        try db.create(index: "portal_links_by_it_contact", on: PortalLinkRecord.databaseTableName,
                      columns: ["organization_id", "it_contact_id"])
    }
}
