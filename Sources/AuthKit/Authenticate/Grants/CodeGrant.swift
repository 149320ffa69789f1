import Crypto
import EmulatorCore
import Foundation

/// `grant_type=authorization_code`: the code `/user_management/authorize` redirected with. Single use,
/// ten minutes on the environment clock, for the client it was issued to; with a `code_challenge` the
/// `code_verifier` must match (S256), without one the client must send its secret. The sign-in then
/// runs its remaining steps, so a code can still answer a 403 step-up.
enum CodeGrant {
    static func run(_ grant: GrantRequest) async throws -> AuthenticateOutcome {
        let code = try grant.body.requiredString("code")
        let verifier = try grant.body.string("code_verifier")
        return try await grant.environment.write { tx -> AuthenticateOutcome in
            func invalid(_ description: String) -> AuthenticateOutcome {
                .failure(APIError.oauth(error: "invalid_grant", description: description))
            }
            guard var record = try AuthorizationCodeRecord.find(code, in: tx.db), record.usedAt == nil,
                  record.clientId == grant.environment.clientID else {
                return invalid("The code is invalid or has already been used.")
            }
            guard tx.now < record.expiresAt else { return invalid("The code has expired.") }
            if let challenge = record.codeChallenge {
                guard let verifier, PKCE.challenge(for: verifier) == challenge else {
                    return invalid("The code_verifier does not match the code_challenge.")
                }
            } else {
                try grant.client.requireSecret()
            }
            record.usedAt = tx.now
            try record.update(tx.db)
            var attempt = record.attempt
            attempt.ipAddress = grant.info.ipAddress ?? attempt.ipAddress
            attempt.userAgent = grant.info.userAgent ?? attempt.userAgent
            attempt.invitationToken = try grant.body.string("invitation_token") ?? attempt.invitationToken
            return try SignIn.complete(attempt, issuer: grant.issuer, in: tx)
        }
    }
}

/// PKCE (RFC 7636), S256 only, as WorkOS accepts.
enum PKCE {
    static func challenge(for verifier: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
    }
}
