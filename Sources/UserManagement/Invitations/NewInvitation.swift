import EmulatorCore
import Foundation
import GRDB
import Organizations

/// Everything needed to invite an address, however it was asked for (the API or a scenario): WorkOS's
/// checks, the record with `invitation.created`, the pending membership an existing user gets in the
/// organization, and the email in the outbox.
struct NewInvitation: Sendable {
    enum Expiry: Sendable {
        case days(Int)
        case at(Date)
    }

    var id: String?
    var email: String
    var organizationID: String?
    /// The role asked for; `member` when none is, for an organization invitation.
    var roleSlug: String?
    var inviterUserID: String?
    var expiry = Expiry.days(OneTimeCode.invitationDefaultDays)
    /// A pinned token (a scenario's, so a test knows it in advance); generated otherwise.
    var token: String?
    /// The emulator's address as the caller reached it. Without one (a scenario is loaded before any
    /// request), the link is kept relative and each read resolves it against its own caller's address.
    var baseURL: String?

    func create(in tx: Transaction) throws -> InvitationRecord {
        if let id, try InvitationRecord.exists(tx.db, key: id) {
            throw APIError(.conflict, message: "An invitation with ID '\(id)' already exists.")
        }
        if let token, try InvitationRecord.find(token: token, in: tx.db) != nil {
            throw APIError(.conflict, message: "An invitation with token '\(token)' already exists.")
        }
        let organizationName = try organizationID.map { try OrganizationsAPI.summary(of: $0, in: tx.db).name }
        if let inviterUserID { _ = try UserRecord.find(inviterUserID, in: tx.db) }
        let role = try organizationID.map {
            try MembershipRoles.validate([roleSlug ?? MembershipRoles.defaultSlug], organizationID: $0, in: tx.db,
                                         status: .badRequest)[0]
        }
        let pendingMembership = try Self.checkInvitable(email, organizationID: organizationID, roleSlug: role, in: tx)
        let token = token ?? OneTimeCode.token()
        let expiresAt = switch expiry {
        case .days(let days): tx.now.addingTimeInterval(TimeInterval(days * 24 * 60 * 60))
        case .at(let date): date
        }
        let record = InvitationRecord(id: id ?? tx.newID("invitation"), email: email, organizationID: organizationID,
                                      roleSlug: role, inviterUserID: inviterUserID, token: token,
                                      acceptInvitationURL: "\(baseURL ?? "")/invite?invitation_token=\(token)",
                                      expiresAt: expiresAt, at: tx.now)
        try record.insert(tx.db)
        try tx.emit("invitation.created", record.eventWire(at: tx.now))
        try pendingMembership?.create(in: tx)
        try record.mail(organizationName: organizationName, in: tx)
        return record
    }

    /// WorkOS's 400s for an invitation that would duplicate another or a membership. Returns the pending
    /// membership an existing user gets in the organization, for the caller to create.
    private static func checkInvitable(_ email: String, organizationID: String?, roleSlug: String?,
                                       in tx: Transaction) throws -> MembershipRecord? {
        let user = try UserRecord.find(email: email, in: tx.db)
        guard let organizationID else {
            if try InvitationRecord.pending(email: email, organizationID: nil, at: tx.now, in: tx.db) != nil {
                throw APIError(.badRequest, code: "email_already_invited", message: "\(email) already has a pending invitation.")
            }
            if user != nil {
                throw APIError(.badRequest, code: "user_already_exists", message: "A user with email \(email) already exists.")
            }
            return nil
        }
        if try InvitationRecord.pending(email: email, organizationID: organizationID, at: tx.now, in: tx.db) != nil {
            throw APIError(.badRequest, code: "email_already_invited_to_organization",
                           message: "\(email) already has a pending invitation to this organization.")
        }
        guard let user else { return nil }
        switch try MembershipRecord.find(userID: user.id, organizationID: organizationID, in: tx.db)?.status {
        case .active?:
            throw APIError(.badRequest, code: "user_already_organization_member",
                           message: "\(email) is already a member of this organization.")
        case nil:
            return MembershipRecord(userID: user.id, organizationID: organizationID, status: .pending,
                                    roleSlugs: [roleSlug ?? MembershipRoles.defaultSlug], in: tx)
        case .inactive?, .pending?:
            return nil  // accepting the invitation activates the membership that is already there
        }
    }
}
