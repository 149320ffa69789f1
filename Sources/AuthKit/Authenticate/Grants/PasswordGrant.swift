import EmulatorCore
import UserManagement

/// `grant_type=password`: the email and password of a user; a wrong one is 400 `invalid_credentials`
/// (and `authentication.password_failed`).
enum PasswordGrant {
    static func run(_ grant: GrantRequest) async throws -> AuthenticateOutcome {
        try grant.client.requireSecret()
        let email = try grant.body.requiredString("email")
        let password = try grant.body.requiredString("password")
        let account = try await grant.environment.read { db in try UserManagementAPI.account(email: email, in: db) }
        // scrypt runs here, outside the write transaction.
        let matches = account?.passwordMatches(password) ?? false
        return try await grant.environment.write { tx -> AuthenticateOutcome in
            guard let account, matches else {
                let error = APIError(.badRequest, code: "invalid_credentials", message: "Invalid credentials.")
                try AuthenticationEvent.failed("password", userID: account?.id, email: email, error: error,
                                               client: grant.info, in: tx)
                return .failure(error)
            }
            return try SignIn.complete(try grant.attempt(account.id, .password), issuer: grant.issuer, in: tx)
        }
    }
}
