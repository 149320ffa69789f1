import EmulatorCore
import Foundation
import GRDB
import SSO
import UserManagement

/// The one road from a proven identity to a session, shared by every grant and by the hosted pages:
/// the environment's requirements in WorkOS's order (email verification, MFA, organization), then the
/// session, its refresh token, the sign-in stamp and the events, all in the caller's transaction.
enum SignIn {
    /// Where an attempt stands.
    enum Decision: Sendable {
        case stepUp(StepUp)
        /// The user's email domain belongs to an organization that signs its users in through SSO, and
        /// this attempt did not come through it.
        case ssoRequired(email: String, connectionIDs: [String])
        /// Every requirement met; the organization resolved (nil: a session outside any organization).
        case ready(SignInAttempt, membership: MembershipSummary?)
    }

    static func decide(_ attempt: SignInAttempt, in tx: Transaction) throws -> Decision {
        let settings = try AuthKitSettings.current(in: tx.db)
        let user = try UserManagementAPI.account(attempt.userID, in: tx.db)
        // An impersonation bypasses the user's own authentication: it needs no SSO, verification or MFA.
        if attempt.method == .impersonation {
            let active = try UserManagementAPI.memberships(of: user.id, in: tx.db).filter { $0.status == "active" }
            return .ready(attempt, membership: active.first { $0.organizationID == attempt.organizationID })
        }
        if attempt.method != .sso {
            let connectionIDs = try SSOAPI.requiredConnectionIDs(forEmail: user.email, in: tx.db)
            if !connectionIDs.isEmpty { return .ssoRequired(email: user.email, connectionIDs: connectionIDs) }
        }
        if settings.emailVerificationRequired && !user.emailVerified && !attempt.emailVerified {
            let verificationID = try UserManagementAPI.sendEmailVerification(userID: user.id, in: tx)
            return .stepUp(.emailVerification(user: user, verificationID: verificationID))
        }
        if !attempt.mfaPassed {
            let factors = try AuthFactorRecord.totpFactors(of: user.id, in: tx.db)
            if !factors.isEmpty { return .stepUp(.mfaChallenge(user: user, factors: factors)) }
            if settings.mfaRequired { return .stepUp(.mfaEnrollment(user: user)) }
        }
        var attempt = attempt
        // Accepted only now, past the steps a client might never come back from, so an abandoned
        // sign-in does not spend the invitation.
        if let token = attempt.invitationToken,
           let organizationID = try UserManagementAPI.acceptInvitation(token: token, userID: user.id, in: tx) {
            attempt.organizationID = organizationID
            attempt.joinsOrganization = false
        }
        let active = try UserManagementAPI.memberships(of: user.id, in: tx.db).filter { $0.status == "active" }
        if let organizationID = attempt.organizationID {
            if let membership = active.first(where: { $0.organizationID == organizationID }) {
                return .ready(attempt, membership: membership)
            }
            guard attempt.joinsOrganization else {
                throw APIError.oauth(error: "invalid_grant",
                                     description: "The user is not an active member of organization '\(organizationID)'.")
            }
            let joined = try UserManagementAPI.joinOrganization(userID: user.id, organizationID: organizationID, in: tx)
            return .ready(attempt, membership: joined)
        }
        switch active.count {
        case 0: return .ready(attempt, membership: nil)
        case 1:
            attempt.organizationID = active[0].organizationID
            return .ready(attempt, membership: active[0])
        default: return .stepUp(.organizationSelection(user: user, organizations: active))
        }
    }

    /// Decides, and either issues the session or hands out a pending token with the 403 to answer.
    static func complete(_ attempt: SignInAttempt, issuer: String, in tx: Transaction) throws -> AuthenticateOutcome {
        switch try decide(attempt, in: tx) {
        case .stepUp(let stepUp):
            let verificationID: String? = if case .emailVerification(_, let id) = stepUp { id } else { nil }
            let pending = try PendingAuthenticationRecord.issue(attempt, emailVerificationID: verificationID, in: tx)
            return .failure(stepUp.error(pendingToken: pending.token))
        case .ssoRequired(let email, let connectionIDs):
            // The token holds the attempt, but every grant that spends one decides again and meets
            // this same answer: only a sign-in through the connection gets past it.
            let pending = try PendingAuthenticationRecord.issue(attempt, in: tx)
            return .failure(APIError(.forbidden, body: [
                "error": "sso_required",
                "error_description": "User must authenticate using one of the matching connections.",
                "email": .string(email),
                "connection_ids": .strings(connectionIDs),
                "pending_authentication_token": .string(pending.token),
            ]))
        case .ready(let attempt, let membership):
            return .success(try issueSession(attempt, membership: membership, issuer: issuer, in: tx))
        }
    }

    /// A new session for a ready attempt: `authentication.<method>_succeeded`, `session.created`.
    static func issueSession(_ attempt: SignInAttempt, membership: MembershipSummary?, issuer: String,
                             in tx: Transaction) throws -> IssuedTokens {
        let user = try UserManagementAPI.recordSignIn(attempt.userID, in: tx)
        let lifetime = attempt.impersonator == nil ? SessionRecord.lifetime : SessionRecord.impersonationLifetime
        let session = SessionRecord(
            id: tx.newID("session"), userId: user.id, organizationId: attempt.organizationID,
            authMethod: attempt.method.sessionAuthMethod, authenticationMethod: attempt.method.rawValue,
            ipAddress: attempt.ipAddress, userAgent: attempt.userAgent, impersonator: attempt.impersonator, revoked: false,
            expiresAt: tx.now.addingTimeInterval(lifetime), endedAt: nil, createdAt: tx.now, updatedAt: tx.now)
        try session.insert(tx.db)
        // An SSO sign-in's event was emitted when the identity provider answered, with its connection;
        // an impersonation is no authentication of the user, and `session.created` records it.
        if attempt.method != .sso && attempt.method != .impersonation {
            try AuthenticationEvent.succeeded(attempt.method.event, user: (user.id, user.email), attempt: attempt, in: tx)
        }
        try tx.emit("session.created", session.wire(at: tx.now))
        return try IssuedTokens.mint(for: session, user: user, membership: membership, issuer: issuer, in: tx)
    }
}

/// What a grant answers: tokens, or a WorkOS error to send once the transaction (and whatever it
/// recorded: a failure event, a pending token) has committed.
enum AuthenticateOutcome: Sendable {
    case success(IssuedTokens)
    case failure(APIError)
}
