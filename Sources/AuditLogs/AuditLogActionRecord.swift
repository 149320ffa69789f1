import EmulatorCore
import Foundation
import GRDB

/// A row of `audit_log_actions`: an action name that has at least one schema. The `id` exists only to
/// order and page the list; the wire names an action by its `name`.
struct AuditLogActionRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "audit_log_actions"

    var id: String
    var name: String
    var createdAt: Date
    var updatedAt: Date

    /// The action, created on its first schema; a later schema only touches `updated_at`.
    static func touch(_ name: String, in tx: Transaction) throws {
        if var existing = try filter(Column("name") == name).fetchOne(tx.db) {
            existing.updatedAt = tx.now
            try existing.update(tx.db)
        } else {
            try AuditLogActionRecord(id: tx.newID("audit_log_action"), name: name, createdAt: tx.now, updatedAt: tx.now)
                .insert(tx.db)
        }
    }

    func wire(schema: AuditLogSchemaRecord) -> JSON {
        [
            "object": "audit_log_action",
            "name": .string(name),
            "schema": schema.wire,
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }
}
