import EmulatorCore
import Foundation
import GRDB
import Organizations

/// What authentication (AuthKit) needs of users: find them, sign them up, record their sign-ins and
/// read their memberships. Each call keeps User Management's own rules and events.
extension UserManagementAPI {
    /// The user, or WorkOS's 404.
    public static func account(_ userID: String, in db: Database) throws -> UserAccount {
        UserAccount(try UserRecord.find(userID, in: db))
    }

    /// The user with this address (compared as WorkOS stores addresses: trimmed, lower case).
    public static func account(email: String, in db: Database) throws -> UserAccount? {
        guard let email = EmailAddress.normalize(email) else { return nil }
        return try UserRecord.find(email: email, in: db).map(UserAccount.init)
    }

    /// A user signing up through AuthKit: `user.created`, or 400 `email_not_available` for a taken
    /// address, or 422 for a malformed one.
    public static func signUp(email: String, password: NewPassword?, firstName: String?, lastName: String?,
                              emailVerified: Bool = false, in tx: Transaction) throws -> UserAccount {
        let email = try UserFields.email(email)
        guard try !UserRecord.emailTaken(email, in: tx.db) else {
            throw APIError(.badRequest, code: "email_not_available", message: "This email is not available.")
        }
        let record = try UserRecord.signUp(email: email, emailVerified: emailVerified, in: tx) { user in
            user.firstName = firstName
            user.lastName = lastName
            user.password = password?.stored
        }
        return UserAccount(record)
    }

    /// The user with this address, or a new one (as an OAuth provider's sign-in makes it, its address
    /// vouched for by the provider when `emailVerified`). An existing unverified user becomes verified
    /// when the provider vouches.
    public static func findOrSignUp(email: String, firstName: String? = nil, lastName: String? = nil,
                                    emailVerified: Bool, in tx: Transaction) throws -> UserAccount {
        if var existing = try UserRecord.find(email: try UserFields.email(email), in: tx.db) {
            let before = existing
            if emailVerified { existing.emailVerified = true }
            try existing.save(changedFrom: before, in: tx)
            return UserAccount(existing)
        }
        return try signUp(email: email, password: nil, firstName: firstName, lastName: lastName,
                          emailVerified: emailVerified, in: tx)
    }

    /// Stamps `last_sign_in_at`. WorkOS announces a sign-in with `session.created` and the
    /// authentication event, not with `user.updated`, so none is emitted and `updated_at` stays.
    public static func recordSignIn(_ userID: String, in tx: Transaction) throws -> UserAccount {
        var record = try UserRecord.find(userID, in: tx.db)
        record.lastSignInAt = tx.now
        try record.update(tx.db)
        return UserAccount(record)
    }

    /// The user's memberships of any status, oldest first.
    public static func memberships(of userID: String, in db: Database) throws -> [MembershipSummary] {
        try MembershipRecord.all(ofUser: userID, in: db).map { try summary($0, in: db) }
    }

    /// Adds the user to an organization (`organization_membership.created`), with the default role
    /// unless `roleSlugs` names others, as signing in to an organization the user is not yet in does, or
    /// a scenario's membership; an inactive membership is reactivated.
    public static func joinOrganization(userID: String, organizationID: String, roleSlugs: [String]? = nil,
                                        in tx: Transaction) throws -> MembershipSummary {
        _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
        if var existing = try MembershipRecord.find(userID: userID, organizationID: organizationID, in: tx.db) {
            let before = existing
            if existing.status == .inactive { existing.status = .active }
            try existing.save(changedFrom: before, in: tx)
            return try summary(existing, in: tx.db)
        }
        let slugs = try MembershipRoles.validate(roleSlugs ?? [MembershipRoles.defaultSlug], organizationID: organizationID, in: tx.db)
        let record = MembershipRecord(userID: userID, organizationID: organizationID, status: .active,
                                      roleSlugs: slugs, in: tx)
        try record.create(in: tx)
        return try summary(record, in: tx.db)
    }

    private static func summary(_ record: MembershipRecord, in db: Database) throws -> MembershipSummary {
        MembershipSummary(id: record.id, organizationID: record.organizationId,
                          organizationName: try OrganizationsAPI.summary(of: record.organizationId, in: db).name,
                          status: record.status.rawValue,
                          roleSlugs: record.roleSlugs.isEmpty ? [MembershipRoles.defaultSlug] : record.roleSlugs)
    }
}
