import EmulatorCore
import Foundation
import GRDB

/// A row of `audit_log_schemas`: one version of what an action's events must look like. Versions count
/// up from 1 per action; events are checked against the latest unless they name a `version`.
struct AuditLogSchemaRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "audit_log_schemas"

    var id: String
    var actionName: String
    var version: Int
    /// `{"metadata": <JSON schema>}` or nil.
    var actor: JSONObject?
    /// `[{"type": …, "metadata": <JSON schema>?}]`
    var targets: JSON
    /// A JSON schema for the event's metadata, or nil.
    var metadata: JSONObject?
    var createdAt: Date

    var wire: JSON {
        [
            "object": "audit_log_schema",
            "version": .int(version),
            "actor": actor.map(JSON.object) ?? .null,
            "targets": targets,
            "metadata": metadata.map(JSON.object) ?? .null,
            "created_at": .timestamp(createdAt),
        ]
    }

    static func latest(of action: String, in db: Database) throws -> AuditLogSchemaRecord? {
        try filter(Column("action_name") == action).order(Column("version").desc).fetchOne(db)
    }

    static func version(_ version: Int, of action: String, in db: Database) throws -> AuditLogSchemaRecord? {
        try filter(Column("action_name") == action && Column("version") == version).fetchOne(db)
    }

    /// The latest schema of each of these actions, by action name.
    static func latest(of actions: [String], in db: Database) throws -> [String: AuditLogSchemaRecord] {
        let all = try filter(actions.contains(Column("action_name"))).order(Column("version")).fetchAll(db)
        return Dictionary(all.map { ($0.actionName, $0) }, uniquingKeysWith: { _, newer in newer })
    }
}
