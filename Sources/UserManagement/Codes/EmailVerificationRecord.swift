import EmulatorCore
import Foundation
import GRDB

/// A row of `email_verifications`: a code sent to a user's address to prove they own it.
struct EmailVerificationRecord: EmulatorRecord, MailedCode {
    static let objectName = "email_verification"
    static let databaseTableName = "email_verifications"

    var id: String
    var userId: String
    var email: String
    var code: String
    var expiresAt: Date
    var consumedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    init(user: UserRecord, in tx: Transaction) {
        id = tx.newID("email_verification")
        userId = user.id
        email = user.email
        code = OneTimeCode.digits()
        expiresAt = tx.now.addingTimeInterval(OneTimeCode.emailVerificationLifetime)
        createdAt = tx.now
        updatedAt = tx.now
    }

    static func find(_ id: String, in db: Database) throws -> EmailVerificationRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Email Verification", id) }
        return record
    }

    /// The newest verification of the user carrying this code.
    static func latest(of userID: String, code: String, in db: Database) throws -> EmailVerificationRecord? {
        try filter(Column("user_id") == userID && Column("code") == code).order(Column("id").desc).fetchOne(db)
    }
}
