import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct InvitationSignInTests {
    @Test func signingInWithAnInvitationAcceptsItIntoItsOrganization() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            try await api.user("ann@example.com")
            let invitation = try await api.post("/user_management/invitations", ["email": "ann@example.com", "organization_id": .string(acme),
                                                                                 "role_slug": "admin"]).json
            let token = try #require(invitation["token"])
            let tokens = try await api.authenticate("password", ["email": "ann@example.com", "password": "correct-horse-9",
                                                                 "invitation_token": token]).json
            #expect(tokens["organization_id"] == .string(acme))
            #expect(try await api.verifiedClaims(tokens["access_token"]?.stringValue)["role"] == "admin")
            #expect(try await api.get("/user_management/invitations/\(try #require(invitation["id"]?.stringValue))").json["state"] == "accepted")
        }
    }

    @Test func aBadInvitationSpendsNothing() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let token = try #require(try await api.post("/user_management/invitations", ["email": "bob@example.com"]).json["token"])
            let code = try #require(try await api.post("/user_management/magic_auth", ["email": "ann@example.com"]).json["code"])
            let grant = "urn:workos:oauth:grant-type:magic-auth:code"
            let unknown = try await api.authenticate(grant, ["email": "ann@example.com", "code": code, "invitation_token": "nope"])
            #expect(unknown.status == .badRequest && unknown.json["error"] == "invitation_invalid")
            let foreign = try await api.authenticate(grant, ["email": "ann@example.com", "code": code, "invitation_token": token])
            #expect(foreign.json["error"] == "invitation_cannot_be_used_for_email")
            #expect(try await api.authenticate(grant, ["email": "ann@example.com", "code": code]).status == .ok)
        }
    }

    @Test func anInvitationOnTheAuthorizationURL() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            try await api.user("ann@example.com")
            let token = try #require(try await api.post("/user_management/invitations", ["email": "ann@example.com",
                                                                                        "organization_id": .string(acme)]).json["token"]?.stringValue)
            let code = try await api.code(for: "ann@example.com", "&provider=authkit&invitation_token=\(token)")
            #expect(try await api.authenticate("authorization_code", ["code": .string(code)]).json["organization_id"] == .string(acme))
        }
    }
}
