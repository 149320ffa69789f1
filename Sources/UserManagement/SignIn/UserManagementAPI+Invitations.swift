import EmulatorCore
import GRDB

extension UserManagementAPI {
    /// Accepts an invitation as a sign-in that carried its token does (`invitation.accepted`, and an
    /// active membership for an organization invitation); answers the invitation's organization.
    /// Accepting again for the same user is a no-op, so a sign-in resumed after a step-up can repeat it.
    /// OAuth-shaped failures, as WorkOS answers them on authenticate: `invitation_invalid` for an
    /// unknown, expired, revoked or otherwise spent token, `invitation_cannot_be_used_for_email` for
    /// someone else's invitation.
    public static func acceptInvitation(token: String, userID: String, in tx: Transaction) throws -> String? {
        let user = try UserRecord.find(userID, in: tx.db)
        guard var invitation = try InvitationRecord.find(token: token, in: tx.db) else {
            throw APIError.oauth(error: "invitation_invalid", description: "The invitation token is invalid.")
        }
        if invitation.state == .accepted && invitation.acceptedUserId == user.id { return invitation.organizationId }
        guard invitation.state(at: tx.now) == "pending" else {
            throw APIError.oauth(error: "invitation_invalid", description: "The invitation is expired, revoked or already accepted.")
        }
        guard invitation.email == user.email else {
            throw APIError.oauth(error: "invitation_cannot_be_used_for_email",
                                 description: "The invitation was sent to another email address.")
        }
        try invitation.accept(in: tx)
        return invitation.organizationId
    }
}
