import EmulatorCore
import UserManagement

/// `grant_type=refresh_token`: a new access token and a new refresh token for the same session; the
/// old refresh token stops working (rotation). `organization_id` moves the session to another of the
/// user's organizations. A revoked or expired session, or a spent token, is OAuth's `invalid_grant`.
enum RefreshGrant {
    static func run(_ grant: GrantRequest) async throws -> AuthenticateOutcome {
        let token = try grant.body.requiredString("refresh_token")
        let switchTo = try grant.body.string("organization_id")
        return try await grant.environment.write { tx -> AuthenticateOutcome in
            func invalid(_ description: String) -> AuthenticateOutcome {
                .failure(APIError.oauth(error: "invalid_grant", description: description))
            }
            guard var refresh = try RefreshTokenRecord.find(token, in: tx.db), refresh.usedAt == nil else {
                return invalid("The refresh token is invalid or has already been used.")
            }
            guard var session = try SessionRecord.find(refresh.sessionId, in: tx.db), session.isActive(at: tx.now) else {
                return invalid("The session of this refresh token has ended.")
            }
            let organizationID = switchTo ?? session.organizationId
            let memberships = try UserManagementAPI.memberships(of: session.userId, in: tx.db)
            let membership = memberships.first { $0.organizationID == organizationID && $0.status == "active" }
            if let organizationID, membership == nil {
                return invalid("The user is not an active member of organization '\(organizationID)'.")
            }
            refresh.usedAt = tx.now
            try refresh.update(tx.db)
            if session.organizationId != organizationID {
                session.organizationId = organizationID
                session.updatedAt = tx.now
                try session.update(tx.db)
            }
            let user = try UserManagementAPI.account(session.userId, in: tx.db)
            return .success(try IssuedTokens.mint(for: session, user: user, membership: membership,
                                                  issuer: grant.issuer, in: tx))
        }
    }
}
