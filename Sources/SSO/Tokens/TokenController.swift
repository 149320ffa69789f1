import Crypto
import EmulatorCore
import Foundation
import Hummingbird

/// `POST /sso/token` exchanges a sign-in's code for an access token and the profile; `GET /sso/profile`
/// reads the profile again with that token. Neither takes an API key: the token endpoint
/// authenticates the client by `client_secret` (the API key) or by PKCE, and every failure is
/// OAuth-shaped (`{"error", "error_description"}`), as the spec lists them.
struct TokenController: Sendable {
    @Sendable func token(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        // The spec allows the fields in the query string too; the body wins.
        var fields = FormFields(query: request).object
        for (key, value) in try await Self.body(request).pairs { fields[key] = value }
        func field(_ name: String) throws -> String? {
            guard let value = fields[name], !value.isNull else { return nil }
            guard let text = value.stringValue else {
                throw APIError.oauth(error: "invalid_request", description: "\(name) must be a string.")
            }
            return text.isEmpty ? nil : text
        }
        guard let environment = context.environment else {
            throw APIError.oauth(error: "invalid_client", description: "Invalid client ID or secret.")
        }
        guard let grantType = try field("grant_type") else {
            throw APIError.oauth(error: "invalid_request", description: "grant_type is required.")
        }
        guard grantType == "authorization_code" else {
            throw APIError.oauth(error: "unsupported_grant_type", description: "The grant type is not supported: \(grantType).")
        }
        guard let code = try field("code") else { throw APIError.oauth(error: "invalid_request", description: "code is required.") }
        let secret = try field("client_secret")
        if let secret, secret != environment.apiKey {
            throw APIError.oauth(error: "invalid_client", description: "Invalid client ID or secret.")
        }
        let verifier = try field("code_verifier")
        let clientID = environment.clientID
        let answer = try await environment.write { tx -> JSON in
            let grant = try AuthorizationCodeRecord.redeem(code, in: tx)
            if let challenge = grant.codeChallenge {
                guard let verifier, Self.s256(verifier) == challenge else {
                    throw APIError.oauth(error: "invalid_grant", description: "code_verifier does not match the code_challenge of the authorization request.")
                }
            } else if secret == nil {
                throw APIError.oauth(error: "invalid_client",
                                     description: "client_secret is required: the authorization request carried no code_challenge.")
            }
            let profile = try ProfileRecord.find(grant.profileId, in: tx.db)
            let token = try AccessTokenRecord.issue(for: profile.id, clientID: clientID, in: tx)
            return [
                "token_type": "Bearer",
                "access_token": .string(token.token),
                "expires_in": .int(Int(Lifetimes.accessToken)),
                "profile": profile.wire,
            ]
        }
        return .json(answer)
    }

    @Sendable func profile(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let unauthorized = APIError(.unauthorized, body: [
            "error": "Unauthorized",
            "error_description": "Send a live access token from /sso/token as Authorization: Bearer <token>.",
        ])
        guard let environment = context.environment, let header = request.headers[.authorization] else { throw unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw unauthorized }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        let now = environment.clock.now()
        guard let profile = try await environment.read({ db in try AccessTokenRecord.profile(for: token, now: now, in: db) }) else {
            throw unauthorized
        }
        return .json(profile.wire)
    }

    /// PKCE's S256: base64url(SHA-256(verifier)), unpadded.
    static func s256(_ verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The body, JSON or form-encoded; a malformed one is OAuth's `invalid_request`.
    private static func body(_ request: Request) async throws -> JSONObject {
        do {
            return try await JSONBody.readJSONOrForm(request).object
        } catch let error as APIError {
            throw APIError.oauth(error: "invalid_request", description: error.body["message"]?.stringValue ?? "The body is malformed.")
        }
    }
}
