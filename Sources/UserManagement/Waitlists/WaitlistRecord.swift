import EmulatorCore
import Foundation
import GRDB

/// A row of `waitlists`. WorkOS makes waitlists in its dashboard, and makes the environment's default
/// one when its first entry is added (`default` in a path names it); here the control API and scenario
/// files stand in for the dashboard.
struct WaitlistRecord: EmulatorRecord, ListableRecord, WireRepresentable {
    static let databaseTableName = "waitlists"
    /// The literal a path uses for the environment's default waitlist.
    static let defaultAlias = "default"

    var id: String
    /// Whether this is the environment's default waitlist (at most one is).
    var isDefault: Bool
    var createdAt: Date
    var updatedAt: Date

    var wire: JSON {
        [
            "object": "waitlist",
            "id": .string(id),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The waitlist a path names, by ID or as `default`; a 404 when there is none (the default
    /// waitlist included, until its first entry makes it).
    static func find(_ idOrAlias: String, in db: Database) throws -> WaitlistRecord {
        let found = try idOrAlias == defaultAlias
            ? filter(Column("is_default") == true).fetchOne(db) : fetchOne(db, key: idOrAlias)
        guard let found else { throw APIError.notFound("Waitlist", idOrAlias) }
        return found
    }

    /// The waitlist an entry joins: `default` makes the default waitlist when it does not exist yet.
    static func joinable(_ idOrAlias: String, in tx: Transaction) throws -> WaitlistRecord {
        guard idOrAlias == defaultAlias, try filter(Column("is_default") == true).fetchCount(tx.db) == 0 else {
            return try find(idOrAlias, in: tx.db)
        }
        return try create(isDefault: true, in: tx)
    }

    /// A new waitlist; a second default one is a 409.
    static func create(isDefault: Bool, in tx: Transaction) throws -> WaitlistRecord {
        if isDefault, try filter(Column("is_default") == true).fetchCount(tx.db) > 0 {
            throw APIError(.conflict, code: "default_waitlist_exists", message: "The environment already has a default waitlist.")
        }
        let record = WaitlistRecord(id: tx.newID("waitlist"), isDefault: isDefault, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        return record
    }
}
