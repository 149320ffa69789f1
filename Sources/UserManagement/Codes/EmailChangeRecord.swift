import EmulatorCore
import Foundation
import GRDB

/// A row of `email_changes`: a code mailed to the address a user wants to move to. The newest one of a
/// user is the pending change.
struct EmailChangeRecord: EmulatorRecord {
    static let databaseTableName = "email_changes"

    var id: String
    var userId: String
    var newEmail: String
    var code: String
    var expiresAt: Date
    var consumedAt: Date?
    var createdAt: Date

    init(user: UserRecord, newEmail: String, in tx: Transaction) {
        id = tx.newID("email_change")
        userId = user.id
        self.newEmail = newEmail
        code = OneTimeCode.digits()
        expiresAt = tx.now.addingTimeInterval(OneTimeCode.emailChangeLifetime)
        createdAt = tx.now
    }

    /// The spec's `EmailChange`: the user as it stands (its email still the old one) and the new address.
    func wire(user: UserRecord) -> JSON {
        [
            "object": "email_change",
            "user": user.wire,
            "new_email": .string(newEmail),
            "expires_at": .timestamp(expiresAt),
            "created_at": .timestamp(createdAt),
        ]
    }

    static func latest(of userID: String, in db: Database) throws -> EmailChangeRecord? {
        try filter(Column("user_id") == userID).order(Column("id").desc).fetchOne(db)
    }
}
