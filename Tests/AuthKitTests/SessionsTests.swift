import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct SessionsTests {
    @Test func listRevokeAndLogout() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let userID = try #require(user["id"]?.stringValue)
            let tokens = try await api.authenticate("password", ["email": "ann@example.com", "password": "correct-horse-9",
                                                                 "ip_address": "198.51.100.7", "user_agent": "Tests/1.0"]).json
            let sid = try #require(try await api.verifiedClaims(tokens["access_token"]?.stringValue)["sid"]?.stringValue)
            let listed = try await api.get("/user_management/users/\(userID)/sessions").json
            let session = try #require(listed["data"]?.arrayValue?.first)
            #expect(session["id"] == .string(sid) && session["status"] == "active" && session["auth_method"] == "password")
            #expect(session["ip_address"] == "198.51.100.7" && session["user_agent"] == "Tests/1.0" && session["ended_at"] == .null)
            #expect(listed["list_metadata"]?["before"] == .null && listed["list_metadata"]?["after"] == .null)

            let browser = api.with(apiKey: nil)
            let logout = try await browser.get("/user_management/sessions/logout?session_id=\(sid)&return_to=http://localhost:3000/bye")
            #expect(logout.status == .found && logout.location == "http://localhost:3000/bye")
            #expect(try await api.events("session.") == ["session.created", "session.revoked"])
            #expect(try await api.authenticate("refresh_token", ["refresh_token": tokens["refresh_token"] ?? .null]).json["error"] == "invalid_grant")
            let page = try await browser.get("/user_management/sessions/logout?session_id=\(sid)")
            #expect(page.status == .ok && page.text.contains("signed out"))
            #expect(try await api.events("session.") == ["session.created", "session.revoked"])
            #expect(try await browser.get("/user_management/sessions/logout?session_id=session_missing").status == .unprocessableContent)
            #expect(try await browser.get("/user_management/sessions/logout").status == .unprocessableContent)
        }
    }

    @Test func revokeErrorsAndUserDeletion() async throws {
        try await TestEmulator.run { api in
            let missing = try await api.post("/user_management/sessions/revoke", ["session_id": "session_missing"])
            #expect(missing.status == .badRequest && missing.json["message"]?.stringValue != nil)
            #expect(try await api.post("/user_management/sessions/revoke", [:]).status == .unprocessableContent)
            #expect(try await api.get("/user_management/users/user_missing/sessions").status == .notFound)
            let user = try await api.user("ann@example.com")
            let token = try await api.password("ann@example.com").json["refresh_token"] ?? .null
            #expect(try await api.delete("/user_management/users/\(try #require(user["id"]?.stringValue))").status == .ok)
            #expect(try await api.authenticate("refresh_token", ["refresh_token": token]).json["error"] == "invalid_grant")
        }
    }
}

@Suite struct JWKSTests {
    @Test func onePublishedKeyPerEnvironmentStableAcrossCalls() async throws {
        try await TestEmulator.run { api in
            let browser = api.with(apiKey: nil)
            let jwks = try await browser.get("/sso/jwks/\(try api.clientID)")
            #expect(jwks.status == .ok)
            let key = try #require(jwks.json["keys"]?.arrayValue?.first)
            #expect(key["alg"] == "RS256" && key["kty"] == "RSA" && key["use"] == "sig")
            #expect(key["kid"]?.stringValue?.hasPrefix("key_") == true && key["x5c"]?.arrayValue?.count == 1)
            #expect(key["x5t#S256"]?.stringValue?.count == 43 && key["e"] == "AQAB")
            #expect(try await browser.get("/sso/jwks/\(try api.clientID)").json == jwks.json)
            let other = try await api.newEnvironment()
            let otherKey = try await browser.get("/sso/jwks/\(try other.clientID)").json["keys"]?.arrayValue?.first
            #expect(otherKey?["kid"] != key["kid"] && otherKey?["n"] != key["n"])
            #expect(try await browser.get("/sso/jwks/client_missing").status == .notFound)
        }
    }
}

@Suite struct SigningKeySnapshotTests {
    @Test func aSnapshotKeepsTheKeyAndAResetMakesANewOne() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let token = try await api.password("ann@example.com").json["access_token"]?.stringValue
            let kid = try await api.with(apiKey: nil).get("/sso/jwks/\(try api.clientID)").json["keys"]?.arrayValue?.first?["kid"]
            #expect(try await api.post("/_emulator/snapshots", ["name": "signed-in"]).status == .created)
            let fork = try await api.with(apiKey: nil).post("/_emulator/environments", ["snapshot": "signed-in"]).json
            let forked = api.with(apiKey: fork["api_key"]?.stringValue)
            #expect(try await forked.verifiedClaims(token)["sub"] != nil)
            #expect(try await forked.with(apiKey: nil).get("/sso/jwks/\(try forked.clientID)").json["keys"]?.arrayValue?.first?["kid"] == kid)
            _ = try await api.post("/_emulator/reset")
            #expect(try await api.with(apiKey: nil).get("/sso/jwks/\(try api.clientID)").json["keys"]?.arrayValue?.first?["kid"] != kid)
        }
    }
}
