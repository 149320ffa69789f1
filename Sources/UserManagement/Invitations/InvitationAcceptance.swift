import EmulatorCore
import GRDB
import Organizations

extension InvitationRecord {
    /// Accepts a pending, unexpired invitation: the invitee's user is found by address or created
    /// (verified: the link proved the address), and for an organization invitation their membership
    /// becomes `active` with the invitation's role — created, or moved from `pending`/`inactive`. A
    /// directory-managed membership keeps the roles its directory gives it.
    /// Events in dependency order: `user.created`, `organization_membership.*`, `invitation.accepted`.
    mutating func accept(in tx: Transaction) throws {
        switch state(at: tx.now) {
        case "pending": break
        case "expired": throw APIError(.badRequest, code: "invite_not_pending", message: "Invite has expired.")
        case "revoked": throw APIError(.badRequest, code: "invite_not_pending", message: "Invite has been revoked.")
        default: throw APIError(.badRequest, code: "invite_not_pending", message: "Invite has already been accepted.")
        }
        if let organizationId, (try? OrganizationsAPI.summary(of: organizationId, in: tx.db)) == nil {
            throw APIError(.badRequest, code: "invalid_invite", message: "The invitation's organization no longer exists.")
        }
        let user = try UserRecord.find(email: email, in: tx.db) ?? UserRecord.signUp(email: email, emailVerified: true, in: tx)
        if let organizationId {
            let roleSlugs = [roleSlug ?? MembershipRoles.defaultSlug]
            if var membership = try MembershipRecord.find(userID: user.id, organizationID: organizationId, in: tx.db) {
                let before = membership
                if membership.status != .active {
                    membership.status = .active
                    if !membership.directoryManaged { membership.roleSlugs = roleSlugs }
                }
                try membership.save(changedFrom: before, in: tx)
            } else {
                try MembershipRecord(userID: user.id, organizationID: organizationId, status: .active,
                                     roleSlugs: roleSlugs, in: tx).create(in: tx)
            }
        }
        state = .accepted
        acceptedAt = tx.now
        acceptedUserId = user.id
        try save(emitting: "invitation.accepted", in: tx)
    }
}
