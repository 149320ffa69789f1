import EmulatorCore
import Foundation
import GRDB

/// A row of `audit_log_events`: one thing that happened in an organization, as the application reported it.
struct AuditLogEventRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "audit_log_events"

    var id: String
    var organizationId: String
    var action: String
    var occurredAt: Date
    var actorId: String
    var actorType: String
    var actorName: String?
    var actorMetadata: JSONObject?
    /// `[{"id", "type", "name"?, "metadata"?}]`
    var targets: JSON
    var location: String
    var userAgent: String?
    var metadata: JSONObject?
    /// The schema version the event was checked against, nil when its action has no schema.
    var version: Int?
    var createdAt: Date

    init(_ input: AuditLogEventInput, organizationID: String, version: Int?, in tx: Transaction) {
        id = tx.newID("audit_log_event")
        organizationId = organizationID
        action = input.action
        occurredAt = input.occurredAt
        actorId = input.actor.id
        actorType = input.actor.type
        actorName = input.actor.name
        actorMetadata = input.actor.metadata
        targets = .array(input.targets.map(\.json))
        location = input.location
        userAgent = input.userAgent
        metadata = input.metadata
        self.version = version
        createdAt = tx.now
    }

    /// The event as WorkOS's dashboard and exports show it.
    var wire: JSON {
        var actor: JSONObject = ["id": .string(actorId), "type": .string(actorType), "name": .string(actorName)]
        actor["metadata"] = actorMetadata.map(JSON.object) ?? .null
        return [
            "object": "audit_log_event",
            "id": .string(id),
            "organization_id": .string(organizationId),
            "action": .string(action),
            "occurred_at": .timestamp(occurredAt),
            "actor": .object(actor),
            "targets": targets,
            "context": ["location": .string(location), "user_agent": .string(userAgent)],
            "metadata": metadata.map(JSON.object) ?? .null,
            "version": version.map(JSON.int) ?? .null,
        ]
    }
}
