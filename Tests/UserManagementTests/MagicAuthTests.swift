import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct MagicAuthTests {
    @Test func aCodeForAnExistingUser() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("magic@example.com")
            let created = try await api.post("/user_management/magic_auth", ["email": "MAGIC@example.com"])
            #expect(created.status == .created)
            let magic = created.json
            #expect(try magic.id.hasPrefix("magic_auth_") && magic["user_id"] == user["id"])
            let code = try #require(magic["code"]?.stringValue)
            #expect(code.count == 6)
            let createdAt = try #require(magic["created_at"]?.stringValue.flatMap(Timestamp.parse))
            let expiresAt = try #require(magic["expires_at"]?.stringValue.flatMap(Timestamp.parse))
            #expect(expiresAt.timeIntervalSince(createdAt) == 600)
            #expect(try await api.get("/user_management/magic_auth/\(try magic.id)").json == magic)
            #expect(try await api.nextMessage(to: "magic@example.com")["code"] == .string(code))
            #expect(try await api.events("") == ["user.created", "magic_auth.created"])
            let event = try await api.environment.read { db in try Event.fetchAll(db).last }
            #expect(event?.data["code"] == nil)
        }
    }

    @Test func aCodeForAnUnknownAddressSignsTheUserUp() async throws {
        try await TestEmulator.run { api in
            let magic = try await api.post("/user_management/magic_auth", ["email": "newcomer@example.com"]).json
            let user = try await api.get("/user_management/users/\(try #require(magic["user_id"]?.stringValue))").json
            #expect(user["email"] == "newcomer@example.com" && user["email_verified"] == false)
            #expect(try await api.events("") == ["user.created", "magic_auth.created"])
            // The legacy name answers the same way.
            #expect(try await api.post("/user_management/magic_auth/send", ["email": "newcomer@example.com"]).json["user_id"]
                == magic["user_id"])
        }
    }

    @Test func anInvitationTokenMustBeAPendingInvitationForTheAddress() async throws {
        try await TestEmulator.run { api in
            let invitation = try await api.post("/user_management/invitations", ["email": "guest@example.com"]).json
            let token = invitation["token"] ?? .null
            let valid = try await api.post("/user_management/magic_auth", ["email": "guest@example.com", "invitation_token": token])
            #expect(valid.status == .created)
            let otherAddress = try await api.post("/user_management/magic_auth", ["email": "else@example.com", "invitation_token": token])
            #expect(otherAddress.status == .badRequest && otherAddress.json["error"] == "invitation_invalid")
            #expect(otherAddress.json["error_description"]?.stringValue != nil)
            #expect(try await api.post("/user_management/magic_auth", ["email": "bad"]).status == .unprocessableContent)
            #expect(try await api.get("/user_management/magic_auth/magic_auth_missing").status == .notFound)
        }
    }
}
