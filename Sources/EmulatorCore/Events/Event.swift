import Foundation
import GRDB

/// One entry of the environment's event log: the record behind the Events API, webhooks and the
/// journal. Written only through `Transaction.emit`, in the transaction of the change it describes.
public struct Event: EmulatorRecord, ListableRecord {
    public static let databaseTableName = "events"

    public var id: String
    public var event: String
    public var data: JSON
    public var organizationId: String?
    public var context: JSON?
    public var createdAt: Date


    /// The Events API envelope; webhooks send the same keys.
    public var wire: JSON {
        var object: JSONObject = [
            "object": "event",
            "id": .string(id),
            "event": .string(event),
            "data": data,
            "created_at": .timestamp(createdAt),
        ]
        if let context { object["context"] = context }
        return .object(object)
    }
}

extension Event {
    static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("core.events") { db in
            try db.create(table: databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("event", .text).notNull()
                t.column("data", .jsonText).notNull()
                t.column("organization_id", .text)
                t.column("context", .jsonText)
                t.column("created_at", .integer).notNull()
            }
            try db.create(index: "events_by_type", on: databaseTableName, columns: ["event", "id"])
            try db.create(index: "events_by_organization", on: databaseTableName, columns: ["organization_id", "id"])
        }
    }
}
