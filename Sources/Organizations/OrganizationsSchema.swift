import GRDB

/// The Organizations area's tables.
public enum OrganizationsSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("organizations.v1") { db in
            try db.create(table: OrganizationRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("metadata", .jsonText).notNull()
                t.column("external_id", .text)
                t.column("stripe_customer_id", .text)
                t.column("allow_profiles_outside_organization", .boolean).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.execute(sql: """
                CREATE UNIQUE INDEX organizations_by_external_id ON organizations(external_id)
                WHERE external_id IS NOT NULL
                """)
            try db.create(table: OrganizationDomainRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("organization_id", .text).notNull()
                    .references(OrganizationRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("domain", .text).notNull().unique()
                t.column("state", .text).notNull()
                t.column("verification_strategy", .text).notNull()
                t.column("verification_token", .text).notNull()
                t.column("verification_prefix", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(index: "organization_domains_by_organization", on: OrganizationDomainRecord.databaseTableName,
                          columns: ["organization_id", "id"])
        }
    }
}
