import EmulatorCore
import Foundation
import GRDB

/// A row of `agent_access_tokens`: an access token minted for a session. Tokens are opaque random
/// strings; the row keeps only their SHA-256, which validation looks up.
struct AccessTokenRecord: EmulatorRecord {
    static let databaseTableName = "agent_access_tokens"

    var tokenHash: String
    var agentInstanceSessionId: String
    var permissions: [String]
    var intent: String?
    var expiresAt: Date

    /// A new secret value of the given kind (`agent_at`, `agent_rt`): shown once, stored as its hash.
    static func secret(_ kind: String) -> String { "\(kind)_" + ObjectID.token(40) }

    static func named(by value: String, in db: Database) throws -> AccessTokenRecord? {
        try fetchOne(db, key: SecretDigest.hex(value))
    }
}
