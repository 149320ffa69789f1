import EmulatorCore
import GRDB

/// AuthKit's tables. Users, organizations and memberships belong to other areas, so rows that name
/// them carry plain IDs; what must go with a user follows `user.deleted` (see `UserDeletion`).
public enum AuthKitSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("authkit.v1") { db in
            try createKeysAndSettings(db)
            try createSessions(db)
            try createAuthorizations(db)
            try createFactors(db)
        }
        migrator.registerMigration("authkit.v2.jwt_template") { db in
            try db.create(table: JWTTemplateRecord.databaseTableName) { t in
                t.primaryKey("id", .integer)
                t.column("content", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
        }
        // v1 creates it; this brings older databases level (see `AddedColumn`).
        migrator.registerMigration("authkit.v3.impersonation") { db in
            try db.add(impersonator, toOlder: SessionRecord.databaseTableName)
        }
        migrator.registerMigration("authkit.v4.oauth_resources") { db in
            try db.create(table: AuthKitOAuthResourceRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("uri", .text).notNull().unique()
                t.column("default", .boolean).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
        }
    }

    /// The admin who started an impersonation session.
    private static let impersonator = AddedColumn("impersonator", .jsonText)

    private static func createKeysAndSettings(_ db: Database) throws {
        try db.create(table: SigningKeyRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("private_key_pem", .text).notNull()
            t.column("certificate_der", .blob).notNull()
            t.column("created_at", .integer).notNull()
        }
        try db.create(table: AuthKitSettings.databaseTableName) { t in
            t.primaryKey("id", .integer)
            t.column("automatic_sign_in", .boolean).notNull()
            t.column("sign_in_as", .text)
            t.column("email_verification_required", .boolean).notNull()
            t.column("mfa_required", .boolean).notNull()
            t.column("access_token_lifetime_seconds", .integer).notNull()
        }
        try db.create(table: CORSOriginRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("origin", .text).notNull().unique()
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        try db.create(table: RedirectURIRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("uri", .text).notNull().unique()
            t.column("is_default", .boolean).notNull()
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
    }

    private static func createSessions(_ db: Database) throws {
        try db.create(table: SessionRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("user_id", .text).notNull()
            t.column("organization_id", .text)
            t.column("auth_method", .text).notNull()
            t.column("authentication_method", .text).notNull()
            t.column("ip_address", .text)
            t.column("user_agent", .text)
            t.column("revoked", .boolean).notNull()
            t.column("expires_at", .integer).notNull()
            t.column("ended_at", .integer)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
            t.column(impersonator)
        }
        try db.create(index: "sessions_by_user", on: SessionRecord.databaseTableName, columns: ["user_id", "id"])
        try db.create(table: RefreshTokenRecord.databaseTableName) { t in
            t.primaryKey("token", .text)
            t.column("session_id", .text).notNull().references(SessionRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("used_at", .integer)
            t.column("created_at", .integer).notNull()
        }
        try db.create(index: "refresh_tokens_by_session", on: RefreshTokenRecord.databaseTableName, columns: ["session_id"])
    }

    /// Authorization codes, pending authentications (the token a 403 step-up hands out) and the
    /// authorization requests the hosted pages work through.
    private static func createAuthorizations(_ db: Database) throws {
        try db.create(table: AuthorizationCodeRecord.databaseTableName) { t in
            t.primaryKey("code", .text)
            t.column("client_id", .text).notNull()
            t.column("redirect_uri", .text).notNull()
            t.column("code_challenge", .text)
            t.column("attempt", .jsonText).notNull()
            t.column("expires_at", .integer).notNull()
            t.column("used_at", .integer)
            t.column("created_at", .integer).notNull()
        }
        try db.create(table: PendingAuthenticationRecord.databaseTableName) { t in
            t.primaryKey("token", .text)
            t.column("attempt", .jsonText).notNull()
            t.column("email_verification_id", .text)
            t.column("expires_at", .integer).notNull()
            t.column("used_at", .integer)
            t.column("created_at", .integer).notNull()
        }
        try db.create(table: DeviceAuthorizationRecord.databaseTableName) { t in
            t.primaryKey("device_code", .text)
            t.column("user_code", .text).notNull().unique()
            t.column("client_id", .text).notNull()
            t.column("attempt", .jsonText)
            t.column("expires_at", .integer).notNull()
            t.column("last_polled_at", .integer)
            t.column("created_at", .integer).notNull()
        }
        try db.create(table: AuthorizationRequestRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("parameters", .jsonText).notNull()
            t.column("attempt", .jsonText)
            t.column("expires_at", .integer).notNull()
            t.column("created_at", .integer).notNull()
        }
    }

    private static func createFactors(_ db: Database) throws {
        try db.create(table: AuthFactorRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("user_id", .text)
            t.column("type", .text).notNull()
            t.column("totp_issuer", .text)
            t.column("totp_user", .text)
            t.column("totp_secret", .text)
            t.column("phone_number", .text)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        try db.create(index: "auth_factors_by_user", on: AuthFactorRecord.databaseTableName, columns: ["user_id", "id"])
        try db.create(table: AuthChallengeRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("authentication_factor_id", .text).notNull()
                .references(AuthFactorRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("code", .text)
            t.column("expires_at", .integer).notNull()
            t.column("verified_at", .integer)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
    }
}
