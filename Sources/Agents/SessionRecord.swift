import EmulatorCore
import Foundation
import GRDB

/// A row of `agent_instance_sessions`: a session of an instance, kept alive by its refresh token
/// until it expires or is revoked. Its status is read at the virtual clock's now.
struct SessionRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "agent_instance_sessions"

    var id: String
    var agentInstanceId: String
    var agentBlueprintId: String
    var organizationId: String
    var parentSessionId: String?
    var refreshTokenHash: String
    var permissions: [String]
    var intent: String?
    var expiresAt: Date
    var revokedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    func status(at now: Date) -> String {
        if revokedAt != nil { return "revoked" }
        return expiresAt <= now ? "expired" : "active"
    }

    /// `AgentInstanceSession`.
    func wire(at now: Date) -> JSON {
        [
            "object": "agent_instance_session",
            "id": .string(id),
            "agent_instance_id": .string(agentInstanceId),
            "status": .string(status(at: now)),
            "expires_at": .timestamp(expiresAt),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
            "revoked_at": .timestamp(revokedAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> SessionRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Agent instance session", id) }
        return record
    }

    /// Revokes the session and every session chained from it; one already revoked stays as it was.
    func revoke(in tx: Transaction) throws -> SessionRecord {
        var pending = [id]
        while let next = pending.popLast() {
            guard var session = try SessionRecord.fetchOne(tx.db, key: next) else { continue }
            if session.revokedAt == nil {
                session.revokedAt = tx.now
                session.updatedAt = tx.now
                try session.update(tx.db)
            }
            pending += try SessionRecord.fetchAll(tx.db, where: "parent_session_id", is: next).map(\.id)
        }
        return try SessionRecord.find(id, in: tx.db)
    }
}
