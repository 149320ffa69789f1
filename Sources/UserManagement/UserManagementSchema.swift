import EmulatorCore
import GRDB

/// The User Management area's tables. Rows that exist only for a user (codes, tokens, identities,
/// memberships) go with the user through foreign keys; the organization a membership names belongs to
/// another area, so memberships follow `organization.deleted` instead (see `OrganizationDeletion`).
public enum UserManagementSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("user_management.v1") { db in
            try createUsers(db)
            try createMemberships(db)
            try createInvitations(db)
            try createCodes(db)
        }
        // v1 creates what v2–v4 added; they bring older databases level (see `AddedColumn`).
        migrator.registerMigration("user_management.v2.magic_auth_consumed") { db in
            try db.add(magicAuthConsumedAt, toOlder: MagicAuthRecord.databaseTableName)
        }
        migrator.registerMigration("user_management.v3.directory_user") { db in
            try db.add(membershipDirectoryUserID, toOlder: MembershipRecord.databaseTableName)
            try createMembershipsByDirectoryUser(db, options: .ifNotExists)
        }
        migrator.registerMigration("user_management.v4.directory") { db in
            try db.add(membershipDirectoryID, toOlder: MembershipRecord.databaseTableName)
            try createMembershipsByDirectory(db, options: .ifNotExists)
        }
        migrator.registerMigration("user_management.v5.waitlists", migrate: createWaitlists)
    }

    /// Signing in with a magic auth code spends it.
    private static let magicAuthConsumedAt = AddedColumn("consumed_at", .integer)
    /// A directory-managed membership remembers the directory user it follows…
    private static let membershipDirectoryUserID = AddedColumn("directory_user_id", .text)
    /// …and its directory, whose `dsync.deleted` takes all of them at once.
    private static let membershipDirectoryID = AddedColumn("directory_id", .text)

    private static func createMembershipsByDirectoryUser(_ db: Database, options: IndexOptions = []) throws {
        try db.create(index: "memberships_by_directory_user", on: MembershipRecord.databaseTableName,
                      columns: ["directory_user_id"], options: options, condition: Column("directory_user_id") != nil)
    }

    private static func createMembershipsByDirectory(_ db: Database, options: IndexOptions = []) throws {
        try db.create(index: "memberships_by_directory", on: MembershipRecord.databaseTableName,
                      columns: ["directory_id", "id"], options: options, condition: Column("directory_id") != nil)
    }

    /// Waitlists and the addresses waiting on them; an address waits on one waitlist at most.
    private static func createWaitlists(_ db: Database) throws {
        try db.create(table: WaitlistRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("is_default", .boolean).notNull()
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        try db.execute(sql: "CREATE UNIQUE INDEX waitlists_default ON waitlists(is_default) WHERE is_default")
        try db.create(table: WaitlistEntryRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("waitlist_id", .text).notNull()
                .references(WaitlistRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("email", .text).notNull().unique()
            t.column("additional_fields", .jsonText).notNull()
            t.column("state", .text).notNull()
            t.column("approved_at", .integer)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        try db.create(index: "waitlist_entries_by_waitlist", on: WaitlistEntryRecord.databaseTableName,
                      columns: ["waitlist_id", "id"])
    }

    private static func createUsers(_ db: Database) throws {
        try db.create(table: UserRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("email", .text).notNull().unique()
            t.column("first_name", .text)
            t.column("last_name", .text)
            t.column("name", .text)
            t.column("profile_picture_url", .text)
            t.column("email_verified", .boolean).notNull()
            t.column("external_id", .text)
            t.column("metadata", .jsonText).notNull()
            t.column("locale", .text)
            t.column("last_sign_in_at", .integer)
            t.column("password_hash", .text)
            t.column("password_hash_type", .text)
            t.column("password_salt_position", .text)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        try db.execute(sql: "CREATE UNIQUE INDEX users_by_external_id ON users(external_id) WHERE external_id IS NOT NULL")
        try db.create(table: UserIdentityRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("user_id", .text).notNull().references(UserRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("idp_id", .text).notNull()
            t.column("type", .text).notNull()
            t.column("provider", .text).notNull()
            t.column("created_at", .integer).notNull()
        }
        try db.create(index: "user_identities_by_user", on: UserIdentityRecord.databaseTableName, columns: ["user_id", "id"])
    }

    private static func createMemberships(_ db: Database) throws {
        try db.create(table: MembershipRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("user_id", .text).notNull().references(UserRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("organization_id", .text).notNull()
            t.column("status", .text).notNull()
            t.column("role_slugs", .jsonText).notNull()
            t.column("directory_managed", .boolean).notNull()
            t.column("custom_attributes", .jsonText).notNull()
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
            t.column(membershipDirectoryUserID)
            t.column(membershipDirectoryID)
            t.uniqueKey(["organization_id", "user_id"])
        }
        try db.create(index: "memberships_by_user", on: MembershipRecord.databaseTableName, columns: ["user_id", "id"])
        try db.create(index: "memberships_by_organization", on: MembershipRecord.databaseTableName,
                      columns: ["organization_id", "id"])
        try createMembershipsByDirectoryUser(db)
        try createMembershipsByDirectory(db)
    }

    private static func createInvitations(_ db: Database) throws {
        try db.create(table: InvitationRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("email", .text).notNull()
            t.column("state", .text).notNull()
            t.column("organization_id", .text)
            t.column("inviter_user_id", .text)
            t.column("accepted_user_id", .text)
            t.column("role_slug", .text)
            t.column("token", .text).notNull().unique()
            t.column("accept_invitation_url", .text).notNull()
            t.column("expires_at", .integer).notNull()
            t.column("accepted_at", .integer)
            t.column("revoked_at", .integer)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        try db.create(index: "invitations_by_email", on: InvitationRecord.databaseTableName, columns: ["email", "id"])
        try db.create(index: "invitations_by_organization", on: InvitationRecord.databaseTableName,
                      columns: ["organization_id", "id"])
    }

    /// One-time codes and tokens: each belongs to a user and dies with it.
    private static func createCodes(_ db: Database) throws {
        try db.create(table: EmailVerificationRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("user_id", .text).notNull().references(UserRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("email", .text).notNull()
            t.column("code", .text).notNull()
            t.column("expires_at", .integer).notNull()
            t.column("consumed_at", .integer)
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
        }
        try db.create(index: "email_verifications_by_user", on: EmailVerificationRecord.databaseTableName,
                      columns: ["user_id", "id"])
        try db.create(table: PasswordResetRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("user_id", .text).notNull().references(UserRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("email", .text).notNull()
            t.column("token", .text).notNull().unique()
            t.column("url", .text).notNull()
            t.column("expires_at", .integer).notNull()
            t.column("consumed_at", .integer)
            t.column("created_at", .integer).notNull()
        }
        try db.create(index: "password_resets_by_user", on: PasswordResetRecord.databaseTableName, columns: ["user_id"])
        try db.create(table: MagicAuthRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("user_id", .text).notNull().references(UserRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("email", .text).notNull()
            t.column("code", .text).notNull()
            t.column("invitation_token", .text)
            t.column("expires_at", .integer).notNull()
            t.column("created_at", .integer).notNull()
            t.column("updated_at", .integer).notNull()
            t.column(magicAuthConsumedAt)
        }
        try db.create(index: "magic_auths_by_user", on: MagicAuthRecord.databaseTableName, columns: ["user_id", "id"])
        try db.create(table: EmailChangeRecord.databaseTableName) { t in
            t.primaryKey("id", .text)
            t.column("user_id", .text).notNull().references(UserRecord.databaseTableName, column: "id", onDelete: .cascade)
            t.column("new_email", .text).notNull()
            t.column("code", .text).notNull()
            t.column("expires_at", .integer).notNull()
            t.column("consumed_at", .integer)
            t.column("created_at", .integer).notNull()
        }
        try db.create(index: "email_changes_by_user", on: EmailChangeRecord.databaseTableName, columns: ["user_id", "id"])
    }
}
