import EmulatorCore
import Foundation
import GRDB

/// A row of `platform_teams`: a team a platform created for a customer. The emulator keeps the team
/// itself only; the projects, environments and admin invitation WorkOS makes with it are not emulated,
/// so production is never enabled (`Inactive`, `production_enabled_at` null).
struct TeamRecord: EmulatorRecord {
    static let databaseTableName = "platform_teams"

    var id: String
    var name: String
    var adminEmail: String
    var productionState: String
    var productionEnabledAt: Date?
    var createdAt: Date
    var updatedAt: Date

    /// `Team`.
    var wire: JSON {
        [
            "object": "team",
            "id": .string(id),
            "name": .string(name),
            "production_state": .string(productionState),
            "production_enabled_at": .timestamp(productionEnabledAt),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func create(name: String, adminEmail: String, in tx: Transaction) throws -> TeamRecord {
        let record = TeamRecord(id: tx.newID("team"), name: name, adminEmail: adminEmail, productionState: "Inactive",
                                productionEnabledAt: nil, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    static func find(_ id: String, in db: Database) throws -> TeamRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Team", id) }
        return record
    }
}
