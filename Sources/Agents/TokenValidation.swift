import EmulatorCore
import Foundation
import GRDB

/// `POST /agents/blueprints/{id}/tokens/validate`: an access token is valid while it is unexpired,
/// was minted under this blueprint, and its session is live. A valid one answers its claims
/// (`AgentTokenValidation`); any other answers WorkOS's 400 with a stable code: an unknown, foreign
/// or expired token is `invalid_agent_access_token`, a dead session `session_revoked` or
/// `session_expired`.
enum TokenValidation {
    static func check(_ value: String, blueprint: BlueprintRecord, in db: Database, at now: Date) throws -> JSON {
        guard let token = try AccessTokenRecord.named(by: value, in: db), token.expiresAt > now,
              let session = try SessionRecord.fetchOne(db, key: token.agentInstanceSessionId),
              session.agentBlueprintId == blueprint.id
        else {
            throw APIError(.badRequest, code: "invalid_agent_access_token", message: "The provided agent access token is invalid.")
        }
        try TokenMint.checkLive(session, at: now)
        return [
            "valid": true,
            "agent_instance_id": .string(session.agentInstanceId),
            "agent_instance_session_id": .string(session.id),
            "organization_id": .string(session.organizationId),
            "permissions": .strings(token.permissions),
            "intent": token.intent.map(JSON.string) ?? .null,
            // Only user-delegated sessions act for a user, and the emulator does not mint them.
            "acting_user_id": .null,
            "session_expires_at": .timestamp(session.expiresAt),
        ]
    }
}
