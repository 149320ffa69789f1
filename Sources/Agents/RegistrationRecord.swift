import EmulatorCore
import Foundation
import GRDB

/// A row of `agent_registrations`: an agent registered in an organization with its identity. WorkOS
/// makes them through agent sign-up flows the emulator does not have, so they come from
/// `POST /_emulator/agents/registrations`; the API reads and revokes them.
struct RegistrationRecord: EmulatorRecord {
    static let databaseTableName = "agent_registrations"
    static let kinds = ["anonymous", "service_auth", "identity_assertion"]

    var id: String
    var organizationId: String
    var status: String
    var kind: String
    var agentIdentityId: String
    var userlandUserId: String?
    var revokedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    /// `AgentRegistration`. Claims are not emulated: `claim` is null.
    var wire: JSON {
        [
            "object": "agent_registration",
            "id": .string(id),
            "organization_id": .string(organizationId),
            "status": .string(status),
            "kind": .string(kind),
            "agent_identity": [
                "object": "agent_identity",
                "id": .string(agentIdentityId),
                "userland_user_id": userlandUserId.map(JSON.string) ?? .null,
                "created_at": .timestamp(createdAt),
                "updated_at": .timestamp(createdAt),
            ],
            "revoked_at": .timestamp(revokedAt),
            "claim": .null,
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> RegistrationRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Agent registration", id) }
        return record
    }

    static func register(organizationID: String, kind: String, userlandUserID: String?, in tx: Transaction) throws -> RegistrationRecord {
        let record = RegistrationRecord(id: tx.newID("agent_reg"), organizationId: organizationID, status: "verified",
                                        kind: kind, agentIdentityId: tx.newID("agent_identity"),
                                        userlandUserId: userlandUserID, revokedAt: nil, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    /// Revokes the registration (`agent.registration.revoked`, which the spec names); a revoked one
    /// stays as it was and announces nothing.
    func revoke(in tx: Transaction) throws -> RegistrationRecord {
        guard status != "revoked" else { return self }
        var record = self
        record.status = "revoked"
        record.revokedAt = tx.now
        record.updatedAt = tx.now
        try record.update(tx.db)
        _ = try tx.emit("agent.registration.revoked", ["agent_registration_id": .string(id)], organizationID: organizationId)
        return record
    }
}
