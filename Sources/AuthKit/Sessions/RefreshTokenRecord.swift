import EmulatorCore
import Foundation
import GRDB

/// A row of `refresh_tokens`: an opaque token of a session. Each works once: refreshing spends it and
/// hands out the next, so a stolen, replayed token fails.
struct RefreshTokenRecord: EmulatorRecord {
    static let databaseTableName = "refresh_tokens"

    var token: String
    var sessionId: String
    var usedAt: Date?
    var createdAt: Date

    static func issue(for sessionID: String, in tx: Transaction) throws -> RefreshTokenRecord {
        let record = RefreshTokenRecord(token: ObjectID.token(40), sessionId: sessionID, usedAt: nil, createdAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    static func find(_ token: String, in db: Database) throws -> RefreshTokenRecord? {
        try fetchOne(db, key: token)
    }
}
