import Crypto
import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `POST /sso/token` and `GET /sso/profile`: client authentication, PKCE, single-use codes that
/// expire on the environment's clock, and OAuth-shaped errors.
@Suite struct TokenTests {
    private func oauthError(_ response: APIResponse) -> String? {
        #expect(response.status == .badRequest)
        return response.json["error"]?.stringValue
    }

    @Test func aCodeBuysAnAccessTokenAndTheProfileOnce() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let code = try await world.code([("login_hint", "alice@acme.com")])
            let token = try await world.exchange(code)
            #expect(token.status == .ok)
            #expect(token.json["token_type"] == "Bearer")
            #expect(token.json["expires_in"] == 600)
            let accessToken = try #require(token.json["access_token"]?.stringValue)
            #expect(token.json["profile"]?["object"] == "profile")

            // The SDK replaces its API key with the access token.
            let profile = try await world.api.with(apiKey: nil).request(.get, "/sso/profile", headers: [.authorization: "Bearer \(accessToken)"])
            #expect(profile.status == .ok)
            #expect(profile.json == token.json["profile"])

            #expect(oauthError(try await world.exchange(code)) == "invalid_grant")
        }
    }

    @Test func codesExpireAfterTenMinutesOnTheClock() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            try await world.freezeClock()
            let stale = try await world.code()
            let fresh = try await world.code()
            try await world.advanceClock(seconds: 599)
            let exchanged = try await world.exchange(fresh)
            #expect(exchanged.status == .ok, "\(exchanged.text)")
            try await world.advanceClock(seconds: 2)
            #expect(oauthError(try await world.exchange(stale)) == "invalid_grant")
        }
    }

    @Test func accessTokensExpireOnTheClock() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let accessToken = try #require(try await world.exchange(try await world.code()).json["access_token"]?.stringValue)
            try await world.advanceClock(seconds: 601)
            let expired = try await world.api.with(apiKey: nil).request(.get, "/sso/profile", headers: [.authorization: "Bearer \(accessToken)"])
            #expect(expired.status == .unauthorized)
            #expect(expired.json["error"] == "Unauthorized")
        }
    }

    @Test func pkceReplacesTheClientSecret() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let verifier = "the-code-verifier-of-at-least-forty-three-characters-long"
            let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            let pkce = [("code_challenge", challenge), ("code_challenge_method", "S256")]
            func exchange(_ code: String, _ fields: [(String, String)]) async throws -> APIResponse {
                try await world.api.with(apiKey: nil).postForm("/sso/token", [
                    ("client_id", world.clientID), ("grant_type", "authorization_code"), ("code", code),
                ] + fields)
            }
            let code = try await world.code(pkce)
            #expect(oauthError(try await exchange(code, [("code_verifier", "wrong")])) == "invalid_grant")
            #expect(oauthError(try await exchange(code, [])) == "invalid_grant")
            #expect(try await exchange(code, [("code_verifier", verifier)]).status == .ok)

            // A confidential client that started with PKCE must still prove the verifier.
            let withSecret = try await world.code(pkce)
            #expect(oauthError(try await world.exchange(withSecret)) == "invalid_grant")

            let plain = try await world.code()
            #expect(oauthError(try await exchange(plain, [("code_verifier", verifier)])) == "invalid_client")
        }
    }

    @Test func clientAndGrantErrorsAreOAuthShaped() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let code = try await world.code()
            let anonymous = world.api.with(apiKey: nil)
            #expect(oauthError(try await world.exchange(code, extra: [("client_secret", "sk_wrong")])) == "invalid_client")
            #expect(oauthError(try await anonymous.postForm("/sso/token", [
                ("client_id", "client_unknown"), ("client_secret", "x"), ("grant_type", "authorization_code"), ("code", code),
            ])) == "invalid_client")
            #expect(oauthError(try await world.exchange(code, extra: [("grant_type", "refresh_token")])) == "unsupported_grant_type")
            #expect(oauthError(try await anonymous.postForm("/sso/token", [("client_id", world.clientID), ("code", code)])) == "invalid_request")
            #expect(oauthError(try await anonymous.postForm("/sso/token", [
                ("client_id", world.clientID), ("grant_type", "authorization_code"),
            ])) == "invalid_request")
            // The spec allows the fields in the query string too.
            #expect(oauthError(try await anonymous.request(.post, "/sso/token?client_id=\(world.clientID)&grant_type=password")) == "unsupported_grant_type")
            #expect(oauthError(try await anonymous.request(.post, "/sso/token", json: [
                "client_id": .string(world.clientID), "grant_type": "authorization_code", "code": 42,
            ])) == "invalid_request")
            // None of these spent the code.
            #expect(try await world.exchange(code).status == .ok)
        }
    }

    @Test func theSDKsJSONBodyWithItsAPIKeyHeaderWorks() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let code = try await world.code()
            // As the Python SDK sends it: JSON, with its API key as bearer besides the client secret.
            let token = try await world.api.request(.post, "/sso/token", json: [
                "code": .string(code), "grant_type": "authorization_code",
                "client_id": .string(world.clientID), "client_secret": .string(world.api.apiKey ?? ""),
            ])
            #expect(token.status == .ok)
            #expect(token.json["profile"]?["email"] == "alice@acme.com")
        }
    }

    @Test func theProfileEndpointWantsALiveBearerToken() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let anonymous = world.api.with(apiKey: nil)
            #expect(try await anonymous.get("/sso/profile").status == .unauthorized)
            #expect(try await world.api.get("/sso/profile").status == .unauthorized)  // an API key is not an access token
            let forged = ClientBoundToken.make(clientID: world.clientID)
            #expect(try await anonymous.request(.get, "/sso/profile", headers: [.authorization: "Bearer \(forged)"]).status == .unauthorized)
            let elsewhere = ClientBoundToken.make(clientID: "client_nowhere")
            #expect(try await anonymous.request(.get, "/sso/profile", headers: [.authorization: "Bearer \(elsewhere)"]).status == .unauthorized)
        }
    }
}
