import EmulatorCore
import EmulatorTesting
import Testing

/// How browser and OAuth routes find their environment from a bearer: looked up, never judged by its
/// shape. A known API key, else a token bound to a known client, else 401.
@Suite struct ClientEnvironmentTests {
    @Test func anAPIKeyOfAnyShapeAuthenticatesTheClient() async throws {
        try await TestEmulator.run { api in
            let created = try await api.with(apiKey: nil).post("/_emulator/environments", ["api_key": "custom-key-without-prefix"])
            #expect(created.status == .created)
            let env = api.with(apiKey: "custom-key-without-prefix")
            let user = try await env.post("/user_management/users", ["email": "ann@example.com", "password": "correct-horse-9"])
            #expect(user.status == .created)
            // No client secret in the body: the bearer key proves the client, as the SDKs send it.
            let signedIn = try await env.post("/user_management/authenticate", [
                "grant_type": "password", "client_id": created.json["client_id"] ?? .null,
                "email": "ann@example.com", "password": "correct-horse-9"])
            #expect(signedIn.status == .ok, "\(signedIn.text)")
        }
    }

    @Test func anyOtherBearerIsRefused() async throws {
        try await TestEmulator.run { api in
            let jwks = "/sso/jwks/\(api.emulator.configuration.clientID)"
            #expect(try await api.with(apiKey: nil).get(jwks).status == .ok)
            for bearer in ["sk_test_unknown", "not-a-key", "a.Y2xpZW50X2dvbmU"] {
                let refused = try await api.with(apiKey: bearer).get(jwks)
                #expect(refused.status == .unauthorized, "\(bearer)")
                #expect(refused.json["code"] == "unauthorized")
            }
        }
    }
}
