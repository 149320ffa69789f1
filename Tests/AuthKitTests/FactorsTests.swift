import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct FactorsTests {
    @Test func totpEnrolChallengeVerify() async throws {
        try await TestEmulator.run { api in
            let enrolled = try await api.post("/auth/factors/enroll", ["type": "totp", "totp_issuer": "YourApp", "totp_user": "user@example.com"])
            #expect(enrolled.status == .created)
            let factor = enrolled.json
            let id = try #require(factor["id"]?.stringValue)
            #expect(id.hasPrefix("auth_factor_") && factor["type"] == "totp")
            let secret = try #require(factor["totp"]?["secret"]?.stringValue)
            #expect(secret.count == 32 && factor["totp"]?["qr_code"]?.stringValue?.hasPrefix("data:image/svg+xml;base64,") == true)
            #expect(factor["totp"]?["uri"]?.stringValue?.hasPrefix("otpauth://totp/YourApp:user@example.com?secret=\(secret)") == true)
            let read = try await api.get("/auth/factors/\(id)").json
            #expect(read["totp"] == ["issuer": "YourApp", "user": "user@example.com"])

            let challenge = try await api.post("/auth/factors/\(id)/challenge")
            #expect(challenge.status == .created && challenge.json["code"] == nil)
            let challengeID = try #require(challenge.json["id"]?.stringValue)
            let code = TestTOTP.code(secret: secret, at: try api.now)
            let wrong = try await api.post("/auth/challenges/\(challengeID)/verify", ["code": code == "123456" ? "654321" : "123456"])
            #expect(wrong.status == .created && wrong.json["valid"] == false)
            let right = try await api.post("/auth/challenges/\(challengeID)/verify", ["code": .string(code)])
            #expect(right.json["valid"] == true && right.json["challenge"]?["id"] == .string(challengeID))
            let again = try await api.post("/auth/challenges/\(challengeID)/verify", ["code": .string(code)])
            #expect(again.status == .unprocessableContent && again.json["code"] == "authentication_challenge_previously_verified")

            #expect(try await api.delete("/auth/factors/\(id)").status == .noContent)
            #expect(try await api.get("/auth/factors/\(id)").status == .notFound)
        }
    }

    @Test func aTOTPCodeIsGoodForOneStepEitherSide() async throws {
        try await TestEmulator.run { api in
            let factor = try await api.post("/auth/factors/enroll", ["type": "totp", "totp_issuer": "A", "totp_user": "b"]).json
            let secret = try #require(factor["totp"]?["secret"]?.stringValue)
            let id = try #require(factor["id"]?.stringValue)
            _ = try await api.post("/_emulator/clock", ["frozen": true])
            let now = try api.now
            for (offset, valid) in [(-30.0, true), (30.0, true), (-90.0, false), (90.0, false)] {
                let challenge = try #require(try await api.post("/auth/factors/\(id)/challenge").json["id"]?.stringValue)
                let code = TestTOTP.code(secret: secret, at: now.addingTimeInterval(offset))
                let verified = try await api.post("/auth/challenges/\(challenge)/verify", ["code": .string(code)]).json
                #expect(verified["valid"] == .bool(valid), "offset \(offset)")
            }
        }
    }

    @Test func smsAndGenericCodes() async throws {
        try await TestEmulator.run { api in
            let sms = try await api.post("/auth/factors/enroll", ["type": "sms", "phone_number": "+15555550100"]).json
            #expect(sms["sms"] == ["phone_number": "+15555550100"])
            let challenge = try await api.post("/auth/factors/\(try #require(sms["id"]?.stringValue))/challenge",
                                               ["sms_template": "Code: {{code}}"]).json
            #expect(challenge["code"] == nil)
            let message = try await api.get("/_emulator/outbox?limit=1").json["data"]?.arrayValue?.first
            #expect(message?["channel"] == "sms" && message?["to"] == "+15555550100")
            let code = try #require(message?["code"]?.stringValue)
            #expect(message?["subject"] == .string("Code: \(code)"))
            try await api.advanceClock(601)
            let expired = try await api.post("/auth/challenges/\(try #require(challenge["id"]?.stringValue))/verify", ["code": .string(code)])
            #expect(expired.json["code"] == "authentication_challenge_expired")

            let generic = try await api.post("/auth/factors/enroll", ["type": "generic_otp"]).json
            let genericChallenge = try await api.post("/auth/factors/\(try #require(generic["id"]?.stringValue))/challenge").json
            let genericCode = try #require(genericChallenge["code"])
            #expect(try await api.post("/auth/challenges/\(try #require(genericChallenge["id"]?.stringValue))/verify",
                                       ["code": genericCode]).json["valid"] == true)
        }
    }

    @Test func validation() async throws {
        try await TestEmulator.run { api in
            for body: JSON in [["type": "email"], ["type": "sms", "phone_number": "555"], ["type": "totp", "totp_issuer": "A"]] {
                let response = try await api.post("/auth/factors/enroll", body)
                #expect(response.status == .unprocessableContent && response.json["message"]?.stringValue != nil)
            }
            #expect(try await api.post("/auth/factors/enroll", ["type": "totp", "totp_issuer": "A", "totp_user": "b",
                                                               "user_id": "user_missing"]).status == .notFound)
            #expect(try await api.post("/auth/factors/auth_factor_missing/challenge").status == .notFound)
            #expect(try await api.post("/auth/challenges/auth_challenge_missing/verify", ["code": "1"]).status == .notFound)
            let user = try await api.user("ann@example.com")
            let factors = "/user_management/users/\(try #require(user["id"]?.stringValue))/auth_factors"
            #expect(try await api.post(factors, ["type": "sms"]).status == .unprocessableContent)
            #expect(try await api.post(factors, ["type": "totp", "totp_secret": "!!"]).status == .unprocessableContent)
            #expect(try await api.post(factors, ["type": "totp"]).status == .created)
            let list = try await api.get(factors).json
            #expect(list["data"]?.arrayValue?.count == 1 && list["data"]?.arrayValue?.first?["totp"]?["secret"] == nil)
            #expect(try await api.get("/user_management/users/user_missing/auth_factors").status == .notFound)
        }
    }
}
