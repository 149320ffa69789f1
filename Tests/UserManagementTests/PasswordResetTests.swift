import EmulatorCore
import EmulatorTesting
import Testing
@testable import UserManagement

@Suite struct PasswordResetTests {
    @Test func aMailedTokenSetsANewPassword() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("forgot@example.com", ["password": "the old password"])
            let created = try await api.post("/user_management/password_reset", ["email": "Forgot@example.com"])
            #expect(created.status == .created)
            let reset = created.json
            #expect(try reset.id.hasPrefix("password_reset_") && reset["user_id"] == user["id"])
            let token = try #require(reset["password_reset_token"]?.stringValue)
            #expect(reset["password_reset_url"]?.stringValue?.hasSuffix("/reset-password?token=\(token)") == true)
            #expect(try await api.get("/user_management/password_reset/\(try reset.id)").json == reset)
            let mail = try await api.nextMessage(to: "forgot@example.com")
            #expect(mail["kind"] == "password_reset" && mail["token"] == .string(token) && mail["url"] == reset["password_reset_url"])

            let weak = try await api.post("/user_management/password_reset/confirm", ["token": .string(token), "new_password": "short"])
            #expect(weak.status == .badRequest && weak.json["code"] == "password_reset_error")
            #expect(weak.json["errors"]?.arrayValue?.first?["code"] == "password_too_short")

            let confirmed = try await api.post("/user_management/password_reset/confirm",
                                               ["token": .string(token), "new_password": "a brand new secret"])
            #expect(confirmed.status == .ok)
            #expect(confirmed.json["user"]?["id"] == user["id"] && confirmed.json["user"]?["email_verified"] == true)
            let stored = try await api.environment.read { [id = try user.id] db in try UserRecord.find(id, in: db).password }
            #expect(PasswordHasher.verify("a brand new secret", against: try #require(stored).hash))
            #expect(try await api.events("password_reset.") == ["password_reset.created", "password_reset.succeeded"])

            let reused = try await api.post("/user_management/password_reset/confirm",
                                            ["token": .string(token), "new_password": "yet another secret"])
            #expect(reused.json["errors"]?.arrayValue?.first?["code"] == "password_reset_token_invalid")
        }
    }

    @Test func tokensExpireAndUnknownAddressesAreNotFound() async throws {
        try await TestEmulator.run { api in
            _ = try await api.user("late@example.com")
            let reset = try await api.post("/user_management/password_reset", ["email": "late@example.com"]).json
            try api.environment.clock.advance(by: 3600)
            let expired = try await api.post("/user_management/password_reset/confirm",
                                             ["token": reset["password_reset_token"] ?? .null, "new_password": "a brand new secret"])
            #expect(expired.status == .badRequest)
            #expect(expired.json["errors"]?.arrayValue?.first?["code"] == "password_reset_token_expired")

            let unknown = try await api.post("/user_management/password_reset", ["email": "nobody@example.com"])
            #expect(unknown.status == .notFound && unknown.json["message"] == "User not found: 'nobody@example.com'.")
            #expect(try await api.post("/user_management/password_reset/confirm", ["token": "x"]).status == .unprocessableContent)
            #expect(try await api.get("/user_management/password_reset/password_reset_missing").status == .notFound)
        }
    }
}
