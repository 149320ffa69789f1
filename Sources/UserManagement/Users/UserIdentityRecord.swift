import EmulatorCore
import Foundation
import GRDB

/// A row of `user_identities`: an external identity (an OAuth account) linked to a user. Sign-in with a
/// provider links them, through `UserManagementAPI.linkIdentity`; the API only reads them.
struct UserIdentityRecord: EmulatorRecord {
    static let databaseTableName = "user_identities"

    var id: String
    var userId: String
    var idpId: String
    var type: String
    var provider: String
    var createdAt: Date

    /// `{idp_id, type, provider}`, the spec's item of the bare identities array.
    var wire: JSON {
        ["idp_id": .string(idpId), "type": .string(type), "provider": .string(provider)]
    }

    static func all(of userID: String, in db: Database) throws -> [UserIdentityRecord] {
        try filter(Column("user_id") == userID).order(Column("id")).fetchAll(db)
    }
}
