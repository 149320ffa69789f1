import EmulatorCore
import Foundation
import GRDB

/// A row of `agent_instances`: one agent minted from a blueprint, acting within an organization,
/// either as itself (`autonomous`) or for a member (`delegated`). Minting again for the same
/// blueprint and organization reuses it.
struct InstanceRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "agent_instances"

    var id: String
    var agentBlueprintId: String
    var organizationId: String
    var organizationMembershipId: String?
    var type: String
    var createdAt: Date
    var updatedAt: Date

    /// `AgentInstance`.
    var wire: JSON {
        [
            "object": "agent_instance",
            "id": .string(id),
            "agent_blueprint_id": .string(agentBlueprintId),
            "organization_id": .string(organizationId),
            "organization_membership_id": organizationMembershipId.map(JSON.string) ?? .null,
            "type": .string(type),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> InstanceRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Agent instance", id) }
        return record
    }

    /// The blueprint's autonomous instance in the organization, made on first use; `created` says which.
    static func autonomous(of blueprint: BlueprintRecord, in organizationID: String,
                           tx: Transaction) throws -> (instance: InstanceRecord, created: Bool) {
        if let existing = try filter(Column("agent_blueprint_id") == blueprint.id)
            .filter(Column("organization_id") == organizationID)
            .filter(Column("type") == "autonomous").fetchOne(tx.db) {
            return (existing, false)
        }
        let instance = InstanceRecord(id: tx.newID("agent_instance"), agentBlueprintId: blueprint.id,
                                      organizationId: organizationID, organizationMembershipId: nil,
                                      type: "autonomous", createdAt: tx.now, updatedAt: tx.now)
        try instance.insert(tx.db)
        return (instance, true)
    }
}
