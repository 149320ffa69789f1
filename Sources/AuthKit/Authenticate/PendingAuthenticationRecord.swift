import EmulatorCore
import Foundation
import GRDB

/// A row of `pending_authentications`: the `pending_authentication_token` a 403 step-up hands out,
/// holding the attempt until the step (verification, MFA, organization selection) completes it.
/// Single use; ten minutes on the environment clock.
struct PendingAuthenticationRecord: EmulatorRecord {
    static let databaseTableName = "pending_authentications"
    static let lifetime: TimeInterval = 10 * 60

    var token: String
    var attempt: SignInAttempt
    /// The verification mailed with an `email_verification_required`.
    var emailVerificationId: String?
    var expiresAt: Date
    var usedAt: Date?
    var createdAt: Date

    static func issue(_ attempt: SignInAttempt, emailVerificationID: String? = nil,
                      in tx: Transaction) throws -> PendingAuthenticationRecord {
        let record = PendingAuthenticationRecord(
            token: ObjectID.token(25), attempt: attempt, emailVerificationId: emailVerificationID,
            expiresAt: tx.now.addingTimeInterval(lifetime), usedAt: nil, createdAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    /// A pending token that can still be spent: unknown, used or expired ones are WorkOS's 400
    /// `invalid_pending_authentication_token`.
    static func usable(_ token: String, in tx: Transaction) throws -> PendingAuthenticationRecord {
        guard let record = try fetchOne(tx.db, key: token), record.usedAt == nil, tx.now < record.expiresAt else {
            throw APIError(.badRequest, code: "invalid_pending_authentication_token",
                           message: "The pending authentication token is invalid or has expired.")
        }
        return record
    }

    /// Marks the token spent, once the step it waited for has succeeded.
    mutating func spend(in tx: Transaction) throws {
        usedAt = tx.now
        try update(tx.db)
    }
}
