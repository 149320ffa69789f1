import EmulatorCore
import GRDB

/// What other areas may know of API keys (the widgets' access rules). The records stay in this target.
public enum APIKeysAPI {
    /// The organization a key acts in, or nil when there is no such key.
    public static func organizationID(ofKey id: String, in db: Database) throws -> String? {
        try APIKeyRecord.fetchOne(db, key: id)?.organizationId
    }
}
