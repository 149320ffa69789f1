import EmulatorCore
import Foundation
import GRDB

/// A row of `password_resets`: a one-time token mailed as a link, which sets a new password.
struct PasswordResetRecord: EmulatorRecord {
    static let databaseTableName = "password_resets"

    var id: String
    var userId: String
    var email: String
    var token: String
    var url: String
    var expiresAt: Date
    var consumedAt: Date?
    var createdAt: Date

    /// The link points at the emulator's own reset page (`/reset-password?token=…`, served by the
    /// hosted pages).
    init(user: UserRecord, baseURL: String, in tx: Transaction) {
        id = tx.newID("password_reset")
        userId = user.id
        email = user.email
        token = OneTimeCode.token()
        url = "\(baseURL)/reset-password?token=\(token)"
        expiresAt = tx.now.addingTimeInterval(OneTimeCode.passwordResetLifetime)
        createdAt = tx.now
    }

    /// As the API answers it, token and link included.
    var wire: JSON {
        var object = eventWire.objectValue!
        object["password_reset_token"] = .string(token)
        object["password_reset_url"] = .string(url)
        return .object(object)
    }

    /// As `password_reset.*` events carry it: the spec's events have neither token nor link.
    var eventWire: JSON {
        [
            "object": "password_reset",
            "id": .string(id),
            "user_id": .string(userId),
            "email": .string(email),
            "expires_at": .timestamp(expiresAt),
            "created_at": .timestamp(createdAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> PasswordResetRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Password Reset", id) }
        return record
    }

    static func find(token: String, in db: Database) throws -> PasswordResetRecord? {
        try filter(Column("token") == token).fetchOne(db)
    }
}
