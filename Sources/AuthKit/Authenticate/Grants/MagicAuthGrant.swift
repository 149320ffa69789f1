import EmulatorCore
import UserManagement

/// `urn:workos:oauth:grant-type:magic-auth:code`: a code mailed by `POST /user_management/magic_auth`,
/// single use, ten minutes. It proves the address, so the user is verified.
enum MagicAuthGrant {
    static func run(_ grant: GrantRequest) async throws -> AuthenticateOutcome {
        try grant.client.requireSecret()
        let email = try grant.body.requiredString("email")
        let code = try grant.body.requiredString("code")
        return try await grant.environment.write { tx -> AuthenticateOutcome in
            let check = try UserManagementAPI.redeemMagicAuthCode(email: email, code: code, in: tx)
            guard case .valid(let account) = check else {
                let error = check.error!
                let userID = try UserManagementAPI.account(email: email, in: tx.db)?.id
                try AuthenticationEvent.failed("magic_auth", userID: userID, email: email, error: error,
                                               client: grant.info, in: tx)
                return .failure(error)
            }
            var attempt = try grant.attempt(account.id, .magicAuth)
            attempt.emailVerified = true
            return try SignIn.complete(attempt, issuer: grant.issuer, in: tx)
        }
    }
}
