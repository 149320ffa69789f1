import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct StepUpTests {
    @Test func emailVerificationRequired() async throws {
        try await TestEmulator.run { api in
            try await api.settings(["email_verification_required": true])
            try await api.user("ann@example.com", verified: false)
            let required = try await api.password("ann@example.com")
            #expect(required.status == .forbidden && required.json["code"] == "email_verification_required")
            let token = try #require(required.json["pending_authentication_token"])
            #expect(required.json["email"] == "ann@example.com")
            #expect(required.json["email_verification_id"]?.stringValue?.hasPrefix("email_verification_") == true)
            let code = try #require(try await api.nextMessage(to: "ann@example.com")["code"])
            let grant = "urn:workos:oauth:grant-type:email-verification:code"
            let wrong = try await api.authenticate(grant, ["code": "000000", "pending_authentication_token": token])
            #expect(wrong.json["code"] == "invalid_one_time_code")
            let verified = try await api.authenticate(grant, ["code": code, "pending_authentication_token": token])
            #expect(verified.status == .ok && verified.json["user"]?["email_verified"] == true)
            let reused = try await api.authenticate(grant, ["code": code, "pending_authentication_token": token])
            #expect(reused.json["code"] == "invalid_pending_authentication_token")
            #expect(try await api.password("ann@example.com").status == .ok)
        }
    }

    @Test func mfaChallengeWithATOTPCode() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let userID = try #require(user["id"]?.stringValue)
            let enrolled = try await api.post("/user_management/users/\(userID)/auth_factors", ["type": "totp"]).json
            let factorID = try #require(enrolled["authentication_factor"]?["id"])
            let secret = try #require(enrolled["authentication_factor"]?["totp"]?["secret"]?.stringValue)
            let required = try await api.password("ann@example.com")
            #expect(required.status == .forbidden && required.json["code"] == "mfa_challenge")
            #expect(required.json["authentication_factors"] == [["id": factorID, "type": "totp"]])
            #expect(required.json["user"]?["id"] == user["id"])
            let token = try #require(required.json["pending_authentication_token"])
            let challenge = try await api.post("/auth/factors/\(factorID.stringValue!)/challenge").json
            let grant = "urn:workos:oauth:grant-type:mfa-totp"
            let code = TestTOTP.code(secret: secret, at: try api.now)
            let wrong = try await api.authenticate(grant, ["code": code == "000000" ? "111111" : "000000",
                                                           "pending_authentication_token": token, "authentication_challenge_id": challenge["id"] ?? .null])
            #expect(wrong.json["code"] == "invalid_one_time_code")
            let passed = try await api.authenticate(grant, ["code": .string(code), "pending_authentication_token": token,
                                                            "authentication_challenge_id": challenge["id"] ?? .null])
            #expect(passed.status == .ok)
            #expect(try await api.events("authentication.") == ["authentication.mfa_failed", "authentication.mfa_succeeded",
                                                                "authentication.password_succeeded"])
        }
    }

    @Test func mfaEnrollmentWhenRequired() async throws {
        try await TestEmulator.run { api in
            try await api.settings(["mfa_required": true])
            let user = try await api.user("ann@example.com")
            let required = try await api.password("ann@example.com")
            #expect(required.status == .forbidden && required.json["code"] == "mfa_enrollment" && required.json["user"]?["id"] == user["id"])
            let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            let enrolled = try await api.post("/user_management/users/\(try #require(user["id"]?.stringValue))/auth_factors",
                                              ["type": "totp", "totp_secret": .string(secret)]).json
            #expect(enrolled["authentication_factor"]?["totp"]?["secret"] == .string(secret))
            let passed = try await api.authenticate("urn:workos:oauth:grant-type:mfa-totp", [
                "code": .string(TestTOTP.code(secret: secret, at: try api.now)),
                "pending_authentication_token": required.json["pending_authentication_token"] ?? .null,
                "authentication_challenge_id": enrolled["authentication_challenge"]?["id"] ?? .null])
            #expect(passed.status == .ok)
        }
    }

    @Test func organizationSelection() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let acme = try await api.organization("Acme")
            let globex = try await api.organization("Globex")
            let initech = try await api.organization("Initech")
            try await api.member(user["id"], of: acme)
            try await api.member(user["id"], of: globex, role: "admin")
            let required = try await api.password("ann@example.com")
            #expect(required.status == .forbidden && required.json["code"] == "organization_selection_required")
            #expect(required.json["organizations"] == [["id": .string(acme), "name": "Acme"], ["id": .string(globex), "name": "Globex"]])
            let token = try #require(required.json["pending_authentication_token"])
            let grant = "urn:workos:oauth:grant-type:organization-selection"
            let outsider = try await api.authenticate(grant, ["pending_authentication_token": token, "organization_id": .string(initech)])
            #expect(outsider.status == .badRequest && outsider.json["code"] == "invalid_organization_id")
            let chosen = try await api.authenticate(grant, ["pending_authentication_token": token, "organization_id": .string(globex)])
            #expect(chosen.json["organization_id"] == .string(globex))
            let claims = try await api.verifiedClaims(chosen.json["access_token"]?.stringValue)
            #expect(claims["role"] == "admin")
            let stale = try await api.authenticate(grant, ["pending_authentication_token": token, "organization_id": .string(acme)])
            #expect(stale.json["code"] == "invalid_pending_authentication_token")
        }
    }

    @Test func aPendingTokenLastsTenMinutes() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            try await api.member(user["id"], of: try await api.organization("Acme"))
            try await api.member(user["id"], of: try await api.organization("Globex"))
            let token = try await api.password("ann@example.com").json["pending_authentication_token"] ?? .null
            try await api.advanceClock(601)
            let late = try await api.authenticate("urn:workos:oauth:grant-type:organization-selection",
                                                  ["pending_authentication_token": token, "organization_id": "org_x"])
            #expect(late.json["code"] == "invalid_pending_authentication_token")
        }
    }
}
