import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct EmailVerificationTests {
    @Test func sendMailsACodeThatVerifiesTheEmail() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("verify@example.com")
            let path = "/user_management/users/\(try user.id)/email_verification"
            let sent = try await api.post("\(path)/send")
            #expect(sent.status == .ok)
            #expect(sent.json["user"]?["id"] == user["id"])

            let mail = try await api.nextMessage(to: "verify@example.com")
            #expect(mail["kind"] == "email_verification")
            let code = try #require(mail["code"]?.stringValue)
            #expect(code.count == 6 && code.allSatisfy(\.isNumber))
            let verificationID = try #require(mail["related"]?["email_verification_id"]?.stringValue)
            let verification = try await api.get("/user_management/email_verification/\(verificationID)").json
            #expect(verification["object"] == "email_verification" && verification["code"] == .string(code))
            #expect(verification["user_id"] == user["id"] && verification["email"] == "verify@example.com")

            let wrong = try await api.post("\(path)/confirm", ["code": code == "000000" ? "111111" : "000000"])
            #expect(wrong.status == .badRequest && wrong.json["code"] == "email_verification_code_incorrect")
            let confirmed = try await api.post("\(path)/confirm", ["code": .string(code)])
            #expect(confirmed.status == .ok && confirmed.json["user"]?["email_verified"] == true)
            #expect(try await api.events("") .suffix(3) == ["user.created", "email_verification.created", "user.updated"])

            #expect(try await api.post("\(path)/confirm", ["code": .string(code)]).json["code"] == "email_previously_verified")
            #expect(try await api.post("\(path)/send").json["code"] == "email_already_verified")
            #expect(try await api.get("/user_management/email_verification/email_verification_missing").status == .notFound)

            let event = try await api.environment.read { db in
                try Event.filter(sql: "event = 'email_verification.created'").fetchOne(db)
            }
            #expect(event?.data["code"] == nil)
        }
    }

    @Test func aCodeExpiresAndIsUsedOnce() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("slow@example.com")
            let path = "/user_management/users/\(try user.id)"
            _ = try await api.post("\(path)/email_verification/send")
            let code = try #require(try await api.nextMessage(to: "slow@example.com")["code"]?.stringValue)
            try api.environment.clock.advance(by: 24 * 3600)
            let expired = try await api.post("\(path)/email_verification/confirm", ["code": .string(code)])
            #expect(expired.status == .badRequest && expired.json["code"] == "email_verification_code_expired")

            _ = try await api.post("\(path)/email_verification/send")
            let fresh = try #require(try await api.nextMessage(to: "slow@example.com")["code"]?.stringValue)
            _ = try await api.post("\(path)/email_verification/confirm", ["code": .string(fresh)])
            // Unverified again by an update, the used code stays used.
            _ = try await api.put(path, ["email_verified": false])
            let reused = try await api.post("\(path)/email_verification/confirm", ["code": .string(fresh)])
            #expect(reused.json["code"] == "email_verification_code_previously_used")
            #expect(try await api.post("\(path)/email_verification/confirm", [:]).status == .unprocessableContent)
            #expect(try await api.post("/user_management/users/user_missing/email_verification/send").status == .notFound)
        }
    }
}
