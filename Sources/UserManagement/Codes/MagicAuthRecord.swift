import EmulatorCore
import Foundation
import GRDB

/// A row of `magic_auths`: a six-digit sign-in code mailed to an address. The invitation token it was
/// created with travels with it to the sign-in that redeems it.
struct MagicAuthRecord: EmulatorRecord, MailedCode {
    static let objectName = "magic_auth"
    static let databaseTableName = "magic_auths"

    var id: String
    var userId: String
    var email: String
    var code: String
    var invitationToken: String?
    var expiresAt: Date
    /// When a sign-in redeemed it: a code works once.
    var consumedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    init(user: UserRecord, invitationToken: String?, in tx: Transaction) {
        id = tx.newID("magic_auth")
        userId = user.id
        email = user.email
        code = OneTimeCode.digits()
        self.invitationToken = invitationToken
        expiresAt = tx.now.addingTimeInterval(OneTimeCode.magicAuthLifetime)
        createdAt = tx.now
        updatedAt = tx.now
    }

    static func find(_ id: String, in db: Database) throws -> MagicAuthRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Magic Auth", id) }
        return record
    }
}
