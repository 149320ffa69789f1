import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct RefreshGrantTests {
    @Test func everyRefreshRotatesTheToken() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let first = try await api.password("ann@example.com").json
            let firstToken = try #require(first["refresh_token"])
            let refreshed = try await api.authenticate("refresh_token", ["refresh_token": firstToken])
            #expect(refreshed.status == .ok && refreshed.json["refresh_token"] != firstToken)
            let claims = try await api.verifiedClaims(refreshed.json["access_token"]?.stringValue)
            let original = try await api.verifiedClaims(first["access_token"]?.stringValue)
            #expect(claims["sid"] == original["sid"] && claims["jti"] != original["jti"])
            let replayed = try await api.authenticate("refresh_token", ["refresh_token": firstToken])
            #expect(replayed.status == .badRequest && replayed.json["error"] == "invalid_grant")
            // A refresh is not a sign-in: no new session, no authentication event.
            #expect(try await api.events("session.") == ["session.created"])
            // Public clients refresh without the secret.
            let publicRefresh = try await api.authenticate(
                "refresh_token", ["refresh_token": try #require(refreshed.json["refresh_token"])], secret: false)
            #expect(publicRefresh.status == .ok)
        }
    }

    @Test func organizationSwitching() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let acme = try await api.organization("Acme")
            let globex = try await api.organization("Globex")
            let initech = try await api.organization("Initech")
            try await api.member(user["id"], of: acme, role: "admin")
            let first = try await api.password("ann@example.com").json
            #expect(first["organization_id"] == .string(acme))
            try await api.member(user["id"], of: globex)
            let switched = try await api.authenticate("refresh_token", ["refresh_token": first["refresh_token"] ?? .null,
                                                                        "organization_id": .string(globex)])
            #expect(switched.json["organization_id"] == .string(globex))
            let claims = try await api.verifiedClaims(switched.json["access_token"]?.stringValue)
            #expect(claims["org_id"] == .string(globex) && claims["role"] == "member" && claims["roles"] == ["member"])
            let outsider = try await api.authenticate("refresh_token", ["refresh_token": switched.json["refresh_token"] ?? .null,
                                                                        "organization_id": .string(initech)])
            #expect(outsider.json["error"] == "invalid_grant")
            // The refused switch spent nothing: the token still refreshes, in Globex.
            let stay = try await api.authenticate("refresh_token", ["refresh_token": switched.json["refresh_token"] ?? .null])
            #expect(stay.json["organization_id"] == .string(globex))
        }
    }

    @Test func anEndedSessionCannotRefresh() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let revokedToken = try await api.password("ann@example.com").json["refresh_token"] ?? .null
            try await api.password("ann@example.com")
            let expiringToken = try await api.password("ann@example.com").json["refresh_token"] ?? .null
            let sessions = try await api.get("/user_management/users/\(try await userID(api))/sessions").json["data"]?.arrayValue ?? []
            #expect(sessions.count == 3)
            let oldest = try #require(sessions.last?["id"])
            #expect(try await api.post("/user_management/sessions/revoke", ["session_id": oldest]).status == .ok)
            #expect(try await api.authenticate("refresh_token", ["refresh_token": revokedToken]).json["error"] == "invalid_grant")
            try await api.advanceClock(31 * 86_400)
            #expect(try await api.authenticate("refresh_token", ["refresh_token": expiringToken]).json["error"] == "invalid_grant")
            let statuses = try await api.get("/user_management/users/\(try await userID(api))/sessions").json["data"]?.arrayValue?
                .compactMap { $0["status"]?.stringValue }
            #expect(statuses == ["expired", "expired", "revoked"])
        }
    }

    @Test func theLifetimeOfAccessTokensIsASetting() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            try await api.settings(["access_token_lifetime_seconds": 3600])
            let claims = try await api.verifiedClaims(try await api.password("ann@example.com").json["access_token"]?.stringValue)
            #expect(claims["exp"]?.intValue == (claims["iat"]?.intValue ?? 0) + 3600)
            let invalid = try await api.request(.put, "/_emulator/authkit", json: ["access_token_lifetime_seconds": 0])
            #expect(invalid.status == .unprocessableContent)
            let unknown = try await api.request(.put, "/_emulator/authkit", json: ["colour": "blue"])
            #expect(unknown.status == .unprocessableContent)
        }
    }

    private func userID(_ api: APIClient) async throws -> String {
        try #require(try await api.get("/user_management/users?email=ann@example.com").json["data"]?.arrayValue?.first?["id"]?.stringValue)
    }
}
