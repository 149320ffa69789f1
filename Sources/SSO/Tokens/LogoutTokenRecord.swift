import EmulatorCore
import Foundation
import GRDB

/// A row of `sso_logout_tokens`: `/sso/logout/authorize` issues one for a profile, and the browser
/// spends it once at `/sso/logout`. Bound to its environment's client ID, since the logout URL the
/// SDK builds carries nothing else.
struct LogoutTokenRecord: EmulatorRecord {
    static let databaseTableName = "sso_logout_tokens"

    var token: String
    var profileId: String
    var expiresAt: Date

    static func issue(for profileID: String, clientID: String, in tx: Transaction) throws -> LogoutTokenRecord {
        let record = LogoutTokenRecord(token: ClientBoundToken.make(clientID: clientID), profileId: profileID,
                                       expiresAt: tx.now.addingTimeInterval(Lifetimes.logoutToken))
        try record.insert(tx.db)
        return record
    }

    /// Spends a token: the profile it signs out, or nil when the token is unknown, spent or expired.
    static func spend(_ token: String, in tx: Transaction) throws -> ProfileRecord? {
        guard let record = try fetchOne(tx.db, key: token) else { return nil }
        try record.delete(tx.db)
        guard record.expiresAt > tx.now else { return nil }
        return try ProfileRecord.fetchOne(tx.db, key: record.profileId)
    }
}
