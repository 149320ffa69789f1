import EmulatorCore
import Foundation
import GRDB
import Organizations

/// `POST /agents/blueprints/{id}/tokens`: mints an access token and the session behind it.
/// `autonomous` makes (or reuses) the blueprint's instance in an organization and opens a session;
/// `agent_delegated` exchanges a live access token for a new session on the same instance, chained
/// to the presenting one; `refresh` rotates a session's single-use refresh token. No session
/// outlives its chain's first session by more than the blueprint's `max_age_seconds`.
struct TokenMint: Sendable {
    static let types = ["user_delegated", "autonomous", "agent_delegated", "refresh"]

    let type: String
    let intent: String?
    let body: JSONBody

    init(body: JSONBody) throws {
        self.body = body
        let type = try body.string("type") ?? ""
        guard Self.types.contains(type) else {
            throw APIError.invalidParameter("type", code: "invalid_value",
                                            "type must be one of \(Self.types.joined(separator: ", ")).")
        }
        self.type = type
        let intent = try body.string("intent")
        if let intent, intent.isEmpty || intent.count > 255 {
            throw APIError.invalidParameter("intent", code: "invalid_value", "intent must be a string of 1 to 255 characters.")
        }
        self.intent = intent
    }

    func mint(from blueprint: BlueprintRecord, in tx: Transaction) throws -> JSON {
        switch type {
        case "autonomous":
            let organizationID = try required("organization_id")
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            try Self.checkInvocable(blueprint, in: organizationID, as: "autonomous")
            let (instance, created) = try InstanceRecord.autonomous(of: blueprint, in: organizationID, tx: tx)
            let session = try open(on: instance, blueprint: blueprint, parent: nil,
                                   notAfter: tx.now.addingTimeInterval(TimeInterval(blueprint.maxAgeSeconds)), tx: tx)
            return try issue(session.record, refreshToken: session.refreshToken, instance: instance,
                             newInstance: created, blueprint: blueprint, tx: tx)
        case "agent_delegated":
            let invalid = APIError(.badRequest, code: "invalid_agent_access_token",
                                   message: "The provided agent access token is invalid.")
            guard let token = try AccessTokenRecord.named(by: try required("agent_access_token"), in: tx.db),
                  token.expiresAt > tx.now,
                  let presenting = try SessionRecord.fetchOne(tx.db, key: token.agentInstanceSessionId),
                  presenting.agentBlueprintId == blueprint.id, presenting.status(at: tx.now) == "active"
            else { throw invalid }
            let instance = try InstanceRecord.find(presenting.agentInstanceId, in: tx.db)
            try Self.checkInvocable(blueprint, in: instance.organizationId, as: instance.type)
            let notAfter = try Self.root(of: presenting, in: tx.db).createdAt
                .addingTimeInterval(TimeInterval(blueprint.maxAgeSeconds))
            guard notAfter > tx.now else {
                throw APIError(.badRequest, code: "max_age_exceeded",
                               message: "The delegating credential's authentication is older than the blueprint allows.")
            }
            let session = try open(on: instance, blueprint: blueprint, parent: presenting.id, notAfter: notAfter, tx: tx)
            return try issue(session.record, refreshToken: session.refreshToken, instance: instance,
                             newInstance: false, blueprint: blueprint, tx: tx)
        case "refresh":
            guard var session = try SessionRecord.fetchOne(tx.db, where: "refresh_token_hash", is: SecretDigest.hex(try required("refresh_token"))),
                  session.agentBlueprintId == blueprint.id
            else { throw APIError(.badRequest, code: "invalid_refresh_token", message: "The provided refresh token is invalid.") }
            try Self.checkLive(session, at: tx.now)
            let instance = try InstanceRecord.find(session.agentInstanceId, in: tx.db)
            try Self.checkInvocable(blueprint, in: instance.organizationId, as: instance.type)
            let notAfter = try Self.root(of: session, in: tx.db).createdAt
                .addingTimeInterval(TimeInterval(blueprint.maxAgeSeconds))
            let expiresAt = min(tx.now.addingTimeInterval(TimeInterval(blueprint.refreshTokenTtlSeconds)), notAfter)
            guard expiresAt > tx.now else {
                throw APIError(.badRequest, code: "session_expired", message: "The session backing this token has expired.")
            }
            let refreshToken = AccessTokenRecord.secret("agent_rt")
            session.refreshTokenHash = SecretDigest.hex(refreshToken)
            session.expiresAt = expiresAt.wholeMilliseconds
            session.permissions = blueprint.permissions
            if let intent { session.intent = intent }
            session.updatedAt = tx.now
            try session.update(tx.db)
            return try issue(session, refreshToken: refreshToken, instance: instance, newInstance: false,
                             blueprint: blueprint, tx: tx)
        default:
            // Exchanging a user's AuthKit access token is the one mint the emulator does not do.
            throw APIError(.notFound, code: "not_emulated", message: "user_delegated agent tokens are not emulated")
        }
    }

    private func required(_ key: String) throws -> String {
        guard let value = try body.string(key), !value.isEmpty else {
            throw APIError(.badRequest, code: "invalid_request", message: "\(key) is required",
                           extra: ["errors": [["field": .string(key), "code": "required", "message": .string("\(key) is required.")]]])
        }
        return value
    }

    /// A new session on the instance, expiring after the refresh-token lifetime but never after `notAfter`.
    private func open(on instance: InstanceRecord, blueprint: BlueprintRecord, parent: String?, notAfter: Date,
                      tx: Transaction) throws -> (record: SessionRecord, refreshToken: String) {
        let refreshToken = AccessTokenRecord.secret("agent_rt")
        let expiresAt = min(tx.now.addingTimeInterval(TimeInterval(blueprint.refreshTokenTtlSeconds)), notAfter)
        let session = SessionRecord(
            id: tx.newID("agent_instance_session"), agentInstanceId: instance.id, agentBlueprintId: blueprint.id,
            organizationId: instance.organizationId, parentSessionId: parent,
            refreshTokenHash: SecretDigest.hex(refreshToken), permissions: blueprint.permissions, intent: intent,
            expiresAt: expiresAt.wholeMilliseconds, revokedAt: nil, createdAt: tx.now, updatedAt: tx.now)
        try session.insert(tx.db)
        return (session, refreshToken)
    }

    /// `AgentToken`: a new access token for the session, living no longer than the session does.
    private func issue(_ session: SessionRecord, refreshToken: String, instance: InstanceRecord, newInstance: Bool,
                       blueprint: BlueprintRecord, tx: Transaction) throws -> JSON {
        let remaining = Int(session.expiresAt.timeIntervalSince(tx.now).rounded(.down))
        let expiresIn = max(1, min(blueprint.accessTokenTtlSeconds, remaining))
        let accessToken = AccessTokenRecord.secret("agent_at")
        try AccessTokenRecord(tokenHash: SecretDigest.hex(accessToken), agentInstanceSessionId: session.id,
                              permissions: session.permissions, intent: session.intent,
                              expiresAt: tx.now.addingTimeInterval(TimeInterval(expiresIn)).wholeMilliseconds).insert(tx.db)
        return [
            "access_token": .string(accessToken),
            "token_type": "Bearer",
            "expires_in": .int(expiresIn),
            "refresh_token": .string(refreshToken),
            "agent_instance_id": .string(instance.id),
            "new_instance": .bool(newInstance),
            "agent_instance_session_id": .string(session.id),
            "permissions": .strings(session.permissions),
        ]
    }

    static func checkInvocable(_ blueprint: BlueprintRecord, in organizationID: String, as instanceType: String) throws {
        guard blueprint.instanceTypes.contains(instanceType) else {
            throw APIError(.forbidden, code: "instance_type_not_invocable",
                           message: "This agent blueprint cannot be invoked as \(instanceType).")
        }
        guard blueprint.isInvocable(in: organizationID) else {
            throw APIError(.forbidden, code: "organization_not_invocable",
                           message: "The organization is not allowed to invoke this agent blueprint.")
        }
    }

    static func checkLive(_ session: SessionRecord, at now: Date) throws {
        switch session.status(at: now) {
        case "revoked": throw APIError(.badRequest, code: "session_revoked", message: "The session backing this token has been revoked.")
        case "expired": throw APIError(.badRequest, code: "session_expired", message: "The session backing this token has expired.")
        default: return
        }
    }

    /// The first session of the chain `agent_delegated` mints built up to this one.
    static func root(of session: SessionRecord, in db: Database) throws -> SessionRecord {
        var current = session
        while let parentID = current.parentSessionId, let parent = try SessionRecord.fetchOne(db, key: parentID) {
            current = parent
        }
        return current
    }
}
