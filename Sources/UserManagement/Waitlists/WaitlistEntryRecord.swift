import EmulatorCore
import Foundation
import GRDB

/// A row of `waitlist_entries`: an address waiting for access. An address is on one waitlist of the
/// environment at most (addresses are stored normalized, so the check is case-insensitive). An entry
/// is `pending` until approved (which invites the address) or denied; a denial can be reversed by
/// approving.
struct WaitlistEntryRecord: EmulatorRecord, ListableRecord, WireRepresentable {
    static let databaseTableName = "waitlist_entries"

    enum State: String, Codable, Sendable, CaseIterable { case pending, approved, denied }

    var id: String
    var waitlistId: String
    var email: String
    var additionalFields: JSONObject
    var state: State
    var approvedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    /// As the API answers it (the SDK's `WaitlistEntry`).
    var wire: JSON {
        [
            "object": "waitlist_entry",
            "id": .string(id),
            "email": .string(email),
            "additional_fields": .object(additionalFields),
            "waitlist_id": .string(waitlistId),
            "state": .string(state.rawValue),
            "approved_at": .timestamp(approvedAt),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// As `waitlist_user.*` events carry it: the spec's `WaitlistUser`, with the additional fields the
    /// SDK's model of it adds.
    var eventWire: JSON {
        [
            "object": "waitlist_user",
            "id": .string(id),
            "email": .string(email),
            "additional_fields": .object(additionalFields),
            "state": .string(state.rawValue),
            "approved_at": .timestamp(approvedAt),
            "waitlist_id": .string(waitlistId),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> WaitlistEntryRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Waitlist entry", id) }
        return record
    }

    static func find(email: String, in db: Database) throws -> WaitlistEntryRecord? {
        try filter(Column("email") == email).fetchOne(db)
    }

    /// Approves the entry (`waitlist_user.approved`) and invites its address to the application, which
    /// mails the invitation. As WorkOS documents, the approval stands even when the invitation cannot be
    /// made (the address has a user or a pending invitation by now); then no new invitation exists.
    mutating func approve(baseURL: String?, in tx: Transaction) throws {
        guard state != .approved else { throw Self.invalidState("Waitlist entry is already approved.") }
        state = .approved
        approvedAt = tx.now
        try save(emitting: "waitlist_user.approved", in: tx)
        guard try UserRecord.find(email: email, in: tx.db) == nil,
              try InvitationRecord.pending(email: email, organizationID: nil, at: tx.now, in: tx.db) == nil else { return }
        _ = try NewInvitation(email: email, baseURL: baseURL).create(in: tx)
    }

    /// Denies a pending entry (`waitlist_user.denied`).
    mutating func deny(in tx: Transaction) throws {
        guard state == .pending else { throw Self.invalidState("Only a pending waitlist entry can be denied.") }
        state = .denied
        try save(emitting: "waitlist_user.denied", in: tx)
    }

    private mutating func save(emitting type: String, in tx: Transaction) throws {
        updatedAt = tx.now
        try update(tx.db)
        try tx.emit(type, eventWire)
    }

    private static func invalidState(_ message: String) -> APIError {
        APIError(.unprocessableContent, code: "invalid_state", message: message)
    }
}
