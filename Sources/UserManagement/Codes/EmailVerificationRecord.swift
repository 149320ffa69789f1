import EmulatorCore
import Foundation
import GRDB

/// A row of `email_verifications`: a code sent to a user's address to prove they own it.
struct EmailVerificationRecord: EmulatorRecord {
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

    /// As the API answers it, code included (`GET /user_management/email_verification/{id}`).
    var wire: JSON {
        var object = eventWire.objectValue!
        object["code"] = .string(code)
        return .object(object)
    }

    /// As `email_verification.created` carries it: the spec's event has no code.
    var eventWire: JSON {
        [
            "object": "email_verification",
            "id": .string(id),
            "user_id": .string(userId),
            "email": .string(email),
            "expires_at": .timestamp(expiresAt),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
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
