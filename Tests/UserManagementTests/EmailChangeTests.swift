import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct EmailChangeTests {
    @Test func aCodeMailedToTheNewAddressMovesTheUser() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("old@example.com")
            let path = "/user_management/users/\(try user.id)/email_change"
            let sent = try await api.post("\(path)/send", ["new_email": "New@example.com"])
            #expect(sent.status == .ok)
            #expect(sent.json["object"] == "email_change" && sent.json["new_email"] == "new@example.com")
            #expect(sent.json["user"]?["email"] == "old@example.com")
            let code = try #require(try await api.nextMessage(to: "new@example.com")["code"]?.stringValue)

            let wrong = try await api.post("\(path)/confirm", ["code": code == "000000" ? "111111" : "000000"])
            #expect(wrong.status == .badRequest && wrong.json["code"] == "email_change_code_incorrect")
            let confirmed = try await api.post("\(path)/confirm", ["code": .string(code)])
            #expect(confirmed.status == .ok && confirmed.json["object"] == "email_change_confirmation")
            #expect(confirmed.json["user"]?["email"] == "new@example.com" && confirmed.json["user"]?["email_verified"] == true)
            #expect(try await api.events("user.") == ["user.created", "user.updated"])

            let reused = try await api.post("\(path)/confirm", ["code": .string(code)])
            #expect(reused.status == .conflict && reused.json["code"] == "email_change_code_previously_used")
        }
    }

    @Test func theErrorPaths() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("mine@example.com")
            _ = try await api.user("taken@example.com")
            let path = "/user_management/users/\(try user.id)/email_change"
            let none = try await api.post("\(path)/confirm", ["code": "123456"])
            #expect(none.status == .conflict && none.json["code"] == "no_pending_email_change")
            #expect(try await api.post("\(path)/send", ["new_email": "MINE@example.com"]).json["code"] == "email_change_not_needed")
            let taken = try await api.post("\(path)/send", ["new_email": "taken@example.com"])
            #expect(taken.status == .conflict && taken.json["code"] == "email_not_available")
            let invalid = try await api.post("\(path)/send", ["new_email": "nope"])
            #expect(invalid.status == .unprocessableContent && invalid.json["code"] == "invalid_email")

            _ = try await api.post("\(path)/send", ["new_email": "later@example.com"])
            let code = try #require(try await api.nextMessage(to: "later@example.com")["code"]?.stringValue)
            try api.environment.clock.advance(by: 600)
            #expect(try await api.post("\(path)/confirm", ["code": .string(code)]).json["code"] == "email_change_code_expired")

            _ = try await api.post("\(path)/send", ["new_email": "raced@example.com"])
            let raced = try #require(try await api.nextMessage(to: "raced@example.com")["code"]?.stringValue)
            _ = try await api.user("raced@example.com")
            let lost = try await api.post("\(path)/confirm", ["code": .string(raced)])
            #expect(lost.status == .conflict && lost.json["code"] == "email_not_available")
            #expect(try await api.post("/user_management/users/user_missing/email_change/send", ["new_email": "a@example.com"])
                .status == .notFound)
        }
    }
}
