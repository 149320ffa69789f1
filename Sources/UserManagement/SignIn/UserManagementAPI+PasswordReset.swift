import EmulatorCore
import Foundation
import GRDB

/// A new password for a reset: hashed when made (outside the transaction), or the policy's
/// violations, which the reset reports with its other reasons.
public struct ResetPassword: Sendable {
    let stored: StoredPassword?
    let violations: [JSON]

    public init(_ plaintext: String) throws {
        violations = PasswordPolicy.violations(of: plaintext)
        stored = violations.isEmpty ? try StoredPassword.hashing(plaintext) : nil
    }
}

extension UserManagementAPI {
    /// Sets a new password with a reset token (`POST …/password_reset/confirm`, and the reset page):
    /// single use, unexpired; the email counts as verified, as WorkOS documents. Every failure is
    /// WorkOS's 400 `password_reset_error`, its `errors` saying why.
    public static func resetPassword(token: String, to password: ResetPassword, in tx: Transaction) throws -> UserAccount {
        func failure(_ errors: [JSON]) -> APIError {
            APIError(.badRequest, code: "password_reset_error", message: "The password could not be reset.",
                     extra: ["errors": .array(errors)])
        }
        guard var reset = try PasswordResetRecord.find(token: token, in: tx.db), reset.consumedAt == nil else {
            throw failure([["code": "password_reset_token_invalid",
                            "message": "The password reset token is invalid or was already used."]])
        }
        guard tx.now < reset.expiresAt else {
            throw failure([["code": "password_reset_token_expired", "message": "The password reset token has expired."]])
        }
        guard let stored = password.stored else { throw failure(password.violations) }
        reset.consumedAt = tx.now
        try reset.update(tx.db)
        var user = try UserRecord.find(reset.userId, in: tx.db)
        let before = user
        user.password = stored
        user.emailVerified = true
        try user.save(changedFrom: before, in: tx)
        try tx.emit("password_reset.succeeded", reset.eventWire)
        return UserAccount(user)
    }

    /// Whether the token is a reset that can still be used, for the reset page.
    public static func passwordResetIsUsable(token: String, at now: Date, in db: Database) throws -> Bool {
        guard let reset = try PasswordResetRecord.find(token: token, in: db) else { return false }
        return reset.consumedAt == nil && now < reset.expiresAt
    }

    /// The address and organization of a pending, unexpired invitation, for the invitation page.
    public static func pendingInvitation(token: String, at now: Date, in db: Database) throws -> (email: String, organizationID: String?)? {
        guard let invitation = try InvitationRecord.find(token: token, in: db),
              invitation.state(at: now) == "pending" else { return nil }
        return (invitation.email, invitation.organizationId)
    }
}
