import EmulatorCore
import UserManagement

/// `urn:workos:oauth:grant-type:mfa-totp`: finishes a sign-in that answered `mfa_challenge` or
/// `mfa_enrollment`, with a challenge of one of the user's TOTP factors and its current code.
enum TOTPGrant {
    static func run(_ grant: GrantRequest) async throws -> AuthenticateOutcome {
        let code = try grant.body.requiredString("code")
        let token = try grant.body.requiredString("pending_authentication_token")
        let challengeID = try grant.body.requiredString("authentication_challenge_id")
        return try await grant.environment.write { tx -> AuthenticateOutcome in
            var pending = try PendingAuthenticationRecord.usable(token, in: tx)
            var challenge = try AuthChallengeRecord.find(challengeID, in: tx.db)
            let factor = try AuthFactorRecord.find(challenge.authenticationFactorId, in: tx.db)
            guard factor.userId == pending.attempt.userID else {
                throw APIError(.badRequest, code: "user_mismatch",
                               message: "The authentication challenge does not belong to the user signing in.")
            }
            let user = try UserManagementAPI.account(pending.attempt.userID, in: tx.db)
            func failure(_ code: String, _ message: String) throws -> AuthenticateOutcome {
                let error = APIError(.badRequest, code: code, message: message)
                try AuthenticationEvent.failed("mfa", userID: user.id, email: user.email, error: error, client: grant.info, in: tx)
                return .failure(error)
            }
            guard challenge.verifiedAt == nil else {
                return try failure("one_time_code_previously_used", "The authentication challenge was already verified.")
            }
            guard tx.now < challenge.expiresAt else {
                return try failure("one_time_code_expired", "The authentication challenge has expired.")
            }
            guard challenge.accepts(code, factor: factor, at: tx.now) else {
                return try failure("invalid_one_time_code", "The code is invalid.")
            }
            challenge.verifiedAt = tx.now
            challenge.updatedAt = tx.now
            try challenge.update(tx.db)
            try pending.spend(in: tx)
            try AuthenticationEvent.succeeded("mfa", user: (user.id, user.email), attempt: pending.attempt, in: tx)
            var attempt = pending.attempt
            attempt.mfaPassed = true
            return try SignIn.complete(attempt, issuer: grant.issuer, in: tx)
        }
    }
}
