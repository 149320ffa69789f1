import EmulatorCore
import GRDB

/// The SSO area's tables. Connections name their organization without a foreign key, because areas do
/// not reach into each other's tables: an observer of `organization.deleted` removes them instead.
/// Everything else hangs off a connection and goes with it.
public enum SSOSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("sso.v1") { db in
            try db.create(table: ConnectionRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("organization_id", .text)
                t.column("connection_type", .text).notNull()
                t.column("name", .text).notNull()
                t.column("state", .text).notNull()
                t.column("external_id", .text)
                t.column("external_key", .text).notNull()
                t.column("saml_options", .jsonText)
                t.column("oidc_options", .jsonText)
                t.column("attribute_maps", .jsonText)
                t.column("sign_in", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
                t.column(spCertificatesPending)
            }
            try db.create(index: "sso_connections_by_organization", on: ConnectionRecord.databaseTableName,
                          columns: ["organization_id", "id"])
            try db.create(index: "sso_connections_by_type", on: ConnectionRecord.databaseTableName,
                          columns: ["connection_type", "id"])
            try db.execute(sql: """
                CREATE UNIQUE INDEX sso_connections_by_external_id ON sso_connections(organization_id, external_id)
                WHERE external_id IS NOT NULL
                """)

            func connectionColumn(_ t: TableDefinition) {
                t.column("connection_id", .text).notNull()
                    .references(ConnectionRecord.databaseTableName, column: "id", onDelete: .cascade)
            }
            try db.create(table: OfferedUserRecord.databaseTableName) { t in
                connectionColumn(t)
                t.column("position", .integer).notNull()
                t.column("email", .text).notNull()
                t.column("user", .jsonText).notNull()
                t.primaryKey(["connection_id", "email"])
            }
            try db.create(table: ProfileRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                connectionColumn(t)
                t.column("organization_id", .text)
                t.column("connection_type", .text).notNull()
                t.column("idp_id", .text).notNull()
                t.column("email", .text).notNull()
                t.column("first_name", .text)
                t.column("last_name", .text)
                t.column("name", .text)
                t.column("groups", .jsonText).notNull()
                t.column("roles", .jsonText).notNull()
                t.column("custom_attributes", .jsonText).notNull()
                t.column("raw_attributes", .jsonText).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
                t.uniqueKey(["connection_id", "idp_id"])
            }
            try db.create(table: SAMLCertificateRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                connectionColumn(t)
                t.column("usage", .text).notNull()
                t.column("value", .text).notNull()
                t.column("not_before", .integer)
                t.column("not_after", .integer)
                t.column("created_at", .integer).notNull()
            }
            try db.create(index: "sso_saml_certificates_by_connection", on: SAMLCertificateRecord.databaseTableName,
                          columns: ["connection_id", "usage", "id"])
            try db.create(table: AuthorizationRequestRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                connectionColumn(t)
                t.column("redirect_uri", .text).notNull()
                t.column("state", .text)
                t.column("code_challenge", .text)
                t.column("login_hint", .text)
                t.column("expires_at", .integer).notNull()
                t.column(handoff)
            }
            try db.create(table: AuthorizationCodeRecord.databaseTableName) { t in
                t.primaryKey("code", .text)
                t.column("profile_id", .text).notNull()
                    .references(ProfileRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("redirect_uri", .text).notNull()
                t.column("code_challenge", .text)
                t.column("expires_at", .integer).notNull()
            }
            for table in [AccessTokenRecord.databaseTableName, LogoutTokenRecord.databaseTableName] {
                try db.create(table: table) { t in
                    t.primaryKey("token", .text)
                    t.column("profile_id", .text).notNull()
                        .references(ProfileRecord.databaseTableName, column: "id", onDelete: .cascade)
                    t.column("expires_at", .integer).notNull()
                }
            }
        }
        // v1 creates what v2 and v3 added; they bring older databases level.
        migrator.registerMigration("sso.v2") { db in
            try db.add(spCertificatesPending, toOlder: ConnectionRecord.databaseTableName)
        }
        migrator.registerMigration("sso.v3") { db in
            try db.add(handoff, toOlder: AuthorizationRequestRecord.databaseTableName)
        }
        // Magic Link's passwordless sessions.
        migrator.registerMigration("sso.v4") { db in
            try db.create(table: PasswordlessSessionRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("connection_id", .text).notNull()
                    .references(ConnectionRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("email", .text).notNull()
                t.column("token", .text).notNull().unique()
                t.column("link", .text).notNull()
                t.column("redirect_uri", .text).notNull()
                t.column("state", .text)
                t.column("expires_at", .integer).notNull()
                t.column("used_at", .integer)
                t.column("created_at", .integer).notNull()
            }
            try db.create(index: "sso_passwordless_sessions_by_connection", on: PasswordlessSessionRecord.databaseTableName,
                          columns: ["connection_id"])
        }
    }

    /// A SAML connection's service provider certificates are generated when first asked for: RSA
    /// key generation is slow, and a scenario may hold many SAML connections nobody asks about.
    private static let spCertificatesPending = AddedColumn("sp_certificates_pending", .boolean) {
        $0.notNull().defaults(to: false)
    }
    /// Sign-ins AuthKit starts come back to it (see SignInHandoff).
    private static let handoff = AddedColumn("handoff", .text)
}
