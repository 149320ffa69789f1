import EmulatorCore
import Foundation
import GRDB

/// A row of `radar_list_entries`: one value on one of the environment's allow or block lists.
struct RadarListEntryRecord: EmulatorRecord {
    static let databaseTableName = "radar_list_entries"

    var id: String
    var listType: String
    var action: String
    var entry: String
    var createdAt: Date

    /// Adds the entry, answering false when the list already held it.
    static func add(_ entry: String, to list: RadarList, in tx: Transaction) throws -> Bool {
        let value = try list.normalized(entry)
        guard try matching(value, on: list).fetchCount(tx.db) == 0 else { return false }
        try RadarListEntryRecord(id: tx.newID("radar_list_entry"), listType: list.kind.rawValue,
                                 action: list.action.rawValue, entry: value, createdAt: tx.now).insert(tx.db)
        return true
    }

    /// Removes the entry; one the list does not hold is a 404.
    static func remove(_ entry: String, from list: RadarList, in tx: Transaction) throws {
        let value = try list.normalized(entry)
        guard try matching(value, on: list).deleteAll(tx.db) > 0 else {
            throw APIError(.notFound, message: "Entry '\(entry)' not found in the \(list.kind.rawValue) \(list.action.rawValue) list.")
        }
    }

    /// The first list entry, of the given action, that one of the values matches.
    static func firstMatch(among values: [(RadarList.Kind, String)], action: RadarList.Action,
                           in db: Database) throws -> RadarListEntryRecord? {
        for (kind, value) in values {
            let request = filter(Column("list_type") == kind.rawValue && Column("action") == action.rawValue
                                 && Column("entry") == value)
            if let entry = try request.fetchOne(db) { return entry }
        }
        return nil
    }

    private static func matching(_ value: String, on list: RadarList) -> QueryInterfaceRequest<RadarListEntryRecord> {
        filter(Column("list_type") == list.kind.rawValue && Column("action") == list.action.rawValue
               && Column("entry") == value)
    }
}
