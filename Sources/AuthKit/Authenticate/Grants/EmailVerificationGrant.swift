import EmulatorCore
import UserManagement

/// `urn:workos:oauth:grant-type:email-verification:code`: finishes a sign-in that answered
/// `email_verification_required`, with the code mailed then and its pending token.
enum EmailVerificationGrant {
    static func run(_ grant: GrantRequest) async throws -> AuthenticateOutcome {
        let code = try grant.body.requiredString("code")
        let token = try grant.body.requiredString("pending_authentication_token")
        return try await grant.environment.write { tx -> AuthenticateOutcome in
            var pending = try PendingAuthenticationRecord.usable(token, in: tx)
            let check = try UserManagementAPI.redeemEmailVerificationCode(userID: pending.attempt.userID, code: code, in: tx)
            guard case .valid(let account) = check else {
                let user = try UserManagementAPI.account(pending.attempt.userID, in: tx.db)
                try AuthenticationEvent.failed("email_verification", userID: user.id, email: user.email,
                                               error: check.error!, client: grant.info, in: tx)
                return .failure(check.error!)
            }
            try pending.spend(in: tx)
            try AuthenticationEvent.succeeded("email_verification", user: (account.id, account.email),
                                              attempt: pending.attempt, in: tx)
            var attempt = pending.attempt
            attempt.emailVerified = true
            return try SignIn.complete(attempt, issuer: grant.issuer, in: tx)
        }
    }
}
