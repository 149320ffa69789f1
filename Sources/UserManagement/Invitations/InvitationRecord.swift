import EmulatorCore
import Foundation
import GRDB

/// A row of `invitations`. The stored state is `pending`, `accepted` or `revoked`; `expired` is not
/// stored but read against the clock, so moving the clock past `expires_at` expires the invitation.
struct InvitationRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "invitations"

    enum State: String, Codable, Sendable { case pending, accepted, revoked }

    var id: String
    var email: String
    var state: State
    var organizationId: String?
    var inviterUserId: String?
    var acceptedUserId: String?
    var roleSlug: String?
    var token: String
    var acceptInvitationUrl: String
    var expiresAt: Date
    var acceptedAt: Date?
    var revokedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    /// The link points at the emulator's own accept page (`/invite?invitation_token=…`, served by the
    /// hosted pages), as WorkOS's points at AuthKit's. Made through `NewInvitation`.
    init(id: String, email: String, organizationID: String?, roleSlug: String?, inviterUserID: String?, token: String,
         acceptInvitationURL: String, expiresAt: Date, at now: Date) {
        self.id = id
        self.email = email
        state = .pending
        organizationId = organizationID
        inviterUserId = inviterUserID
        self.roleSlug = roleSlug
        self.token = token
        acceptInvitationUrl = acceptInvitationURL
        self.expiresAt = expiresAt
        createdAt = now
        updatedAt = now
    }

    /// `pending`, `accepted`, `revoked`, or `expired` once a pending invitation outlives `expires_at`.
    func state(at now: Date) -> String {
        state == .pending && now >= expiresAt ? "expired" : state.rawValue
    }

    /// As the API answers it, token and link included; a relative link (a scenario's) is resolved
    /// against the emulator's address as this caller reached it.
    func wire(at now: Date, baseURL: String) -> JSON {
        var object = eventWire(at: now).objectValue!
        object["token"] = .string(token)
        object["accept_invitation_url"] = .string(acceptInvitationUrl.hasPrefix("/") ? baseURL + acceptInvitationUrl
                                                                                    : acceptInvitationUrl)
        return .object(object)
    }

    /// As `invitation.*` events carry it: the spec's events have neither token nor link.
    func eventWire(at now: Date) -> JSON {
        [
            "object": "invitation",
            "id": .string(id),
            "email": .string(email),
            "state": .string(state(at: now)),
            "accepted_at": .timestamp(acceptedAt),
            "revoked_at": .timestamp(revokedAt),
            "expires_at": .timestamp(expiresAt),
            "organization_id": .string(organizationId),
            "inviter_user_id": .string(inviterUserId),
            "accepted_user_id": .string(acceptedUserId),
            "role_slug": .string(roleSlug),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> InvitationRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Invitation", id) }
        return record
    }

    static func find(token: String, in db: Database) throws -> InvitationRecord? {
        try filter(Column("token") == token).fetchOne(db)
    }

    /// An unexpired pending invitation of the address to the organization (or to none).
    static func pending(email: String, organizationID: String?, at now: Date, in db: Database) throws -> InvitationRecord? {
        try filter(Column("email") == email && Column("organization_id") == organizationID
                   && Column("state") == State.pending.rawValue && Column("expires_at") > now.unixMilliseconds)
            .fetchOne(db)
    }

    /// The address's most recent invitation to the organization, in whatever state.
    static func newest(email: String, organizationID: String, in db: Database) throws -> InvitationRecord? {
        try filter(Column("email") == email && Column("organization_id") == organizationID)
            .order(Column("created_at").desc, Column("id").desc).fetchOne(db)
    }

    /// Revokes a pending invitation (`invitation.revoked`); the pending membership it gave an existing
    /// user goes with it.
    mutating func revoke(in tx: Transaction) throws {
        guard state(at: tx.now) == "pending" else {
            throw APIError(.badRequest, code: "invite_not_pending", message: "Invite is not pending.")
        }
        state = .revoked
        revokedAt = tx.now
        try save(emitting: "invitation.revoked", in: tx)
        if let organizationId, let user = try UserRecord.find(email: email, in: tx.db),
           let membership = try MembershipRecord.find(userID: user.id, organizationID: organizationId, in: tx.db),
           membership.status == .pending {
            try membership.remove(in: tx)
        }
    }

    /// Saves a change with `updated_at` stamped and emits the event `type` (`invitation.accepted`, …).
    mutating func save(emitting type: String, in tx: Transaction) throws {
        updatedAt = tx.now
        try update(tx.db)
        try tx.emit(type, eventWire(at: tx.now))
    }
}
