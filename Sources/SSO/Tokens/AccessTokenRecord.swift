import EmulatorCore
import Foundation
import GRDB

/// A row of `sso_access_tokens`: the bearer token `/sso/token` issues for reading the profile again
/// at `/sso/profile`. Bound to its environment's client ID (`ClientBoundToken`), since it arrives
/// without an API key.
struct AccessTokenRecord: EmulatorRecord {
    static let databaseTableName = "sso_access_tokens"

    var token: String
    var profileId: String
    var expiresAt: Date

    static func issue(for profileID: String, clientID: String, in tx: Transaction) throws -> AccessTokenRecord {
        let record = AccessTokenRecord(token: ClientBoundToken.make(clientID: clientID), profileId: profileID,
                                       expiresAt: tx.now.addingTimeInterval(Lifetimes.accessToken))
        try record.insert(tx.db)
        return record
    }

    /// The profile a live token reads, or nil for an unknown, revoked or expired one.
    static func profile(for token: String, now: Date, in db: Database) throws -> ProfileRecord? {
        guard let record = try fetchOne(db, key: token), record.expiresAt > now else { return nil }
        return try ProfileRecord.fetchOne(db, key: record.profileId)
    }
}
