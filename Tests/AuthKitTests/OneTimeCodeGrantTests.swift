import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct MagicAuthGrantTests {
    @Test func aMailedCodeSignsInOnce() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.post("/user_management/magic_auth", ["email": "ann@example.com"]).status == .created)
            let code = try #require(try await api.nextMessage(to: "ann@example.com")["code"])
            let wrong = try await api.authenticate("urn:workos:oauth:grant-type:magic-auth:code", ["email": "ann@example.com", "code": "000000"])
            #expect(wrong.status == .badRequest && wrong.json["code"] == "invalid_one_time_code")
            let signedIn = try await api.authenticate("urn:workos:oauth:grant-type:magic-auth:code", ["email": "ann@example.com", "code": code])
            #expect(signedIn.status == .ok && signedIn.json["authentication_method"] == "MagicAuth")
            #expect(signedIn.json["user"]?["email_verified"] == true)
            let again = try await api.authenticate("urn:workos:oauth:grant-type:magic-auth:code", ["email": "ann@example.com", "code": code])
            #expect(again.json["code"] == "one_time_code_previously_used")
            #expect(try await api.events("authentication.") == ["authentication.magic_auth_failed", "authentication.magic_auth_succeeded",
                                                                "authentication.magic_auth_failed"])
        }
    }

    @Test func aCodeExpiresAfterTenMinutes() async throws {
        try await TestEmulator.run { api in
            let code = try #require(try await api.post("/user_management/magic_auth", ["email": "ann@example.com"]).json["code"])
            try await api.advanceClock(601)
            let expired = try await api.authenticate("urn:workos:oauth:grant-type:magic-auth:code", ["email": "ann@example.com", "code": code])
            #expect(expired.json["code"] == "one_time_code_expired")
        }
    }
}
