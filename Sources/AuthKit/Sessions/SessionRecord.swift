import EmulatorCore
import Foundation
import GRDB

/// A row of `sessions`: one sign-in, from the authentication that made it until it is revoked (by the
/// API or by logging out) or outlives `expires_at`. Its refresh tokens rotate within it.
struct SessionRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "sessions"
    /// How long a session lasts without a new sign-in (WorkOS's default maximum session length).
    static let lifetime: TimeInterval = 30 * 86_400
    /// WorkOS: "Impersonation sessions automatically expire after 60 minutes."
    static let impersonationLifetime: TimeInterval = 60 * 60

    var id: String
    var userId: String
    var organizationId: String?
    /// The spec's session `auth_method` (`password`, `magic_code`, `oauth`, …).
    var authMethod: String
    /// The authenticate response's `authentication_method` (`Password`, `MagicAuth`, `GoogleOAuth`, …).
    var authenticationMethod: String
    var ipAddress: String?
    var userAgent: String?
    /// Set when a team member signed in as the user.
    var impersonator: Impersonator?
    var revoked: Bool
    var expiresAt: Date
    var endedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    /// `active`, `revoked`, or `expired` once the clock passes `expires_at`.
    func status(at now: Date) -> String {
        revoked ? "revoked" : now >= expiresAt ? "expired" : "active"
    }

    func isActive(at now: Date) -> Bool { status(at: now) == "active" }

    func wire(at now: Date) -> JSON {
        var object: JSONObject = [
            "object": "session",
            "id": .string(id),
            "user_id": .string(userId),
            "ip_address": .string(ipAddress),
            "user_agent": .string(userAgent),
            "auth_method": .string(authMethod),
            "status": .string(status(at: now)),
            "expires_at": .timestamp(expiresAt),
            "ended_at": .timestamp(endedAt),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
        if let organizationId { object["organization_id"] = .string(organizationId) }
        if let impersonator { object["impersonator"] = impersonator.wire }
        return .object(object)
    }

    static func find(_ id: String, in db: Database) throws -> SessionRecord? {
        try fetchOne(db, key: id)
    }

    /// Ends the session (`session.revoked`); a session already revoked stays as it is.
    mutating func revoke(in tx: Transaction) throws {
        guard !revoked else { return }
        revoked = true
        endedAt = tx.now
        updatedAt = tx.now
        try update(tx.db)
        try tx.emit("session.revoked", wire(at: tx.now))
    }
}
