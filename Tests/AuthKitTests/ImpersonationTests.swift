import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct ImpersonationTests {
    @Test func theCodeSignsTheImpersonatorInAsTheUser() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let organization = try await api.organization("Acme")
            try await api.member(user["id"], of: organization, role: "admin")
            // The user's own requirements do not stand in the way of an impersonation.
            try await api.settings(["mfa_required": true])
            let started = try await api.post("/_emulator/impersonations", [
                "user_id": user["id"] ?? .null, "impersonator_email": "support@example.com",
                "reason": "Ticket 42", "redirect_uri": "http://localhost:3000/callback",
            ])
            #expect(started.status == .created)
            let code = try #require(started.json["code"]?.stringValue)
            #expect(started.json["url"] == .string("http://localhost:3000/callback?code=\(code)"))

            let signedIn = try await api.authenticate("authorization_code", ["code": .string(code)])
            #expect(signedIn.status == .ok, "\(signedIn.text)")
            #expect(signedIn.json["impersonator"] == ["email": "support@example.com", "reason": "Ticket 42"])
            #expect(signedIn.json["authentication_method"] == "Impersonation")
            #expect(signedIn.json["organization_id"] == .string(organization))
            let claims = try await api.verifiedClaims(signedIn.json["access_token"]?.stringValue)
            #expect(claims["act"] == ["sub": "support@example.com"] && claims["sub"] == user["id"])
            #expect(claims["org_id"] == .string(organization) && claims["role"] == "admin")

            let created = try #require(try await api.lastEvent("session.created"))
            #expect(created["impersonator"] == ["email": "support@example.com", "reason": "Ticket 42"])
            #expect(created["auth_method"] == "impersonation")
            #expect(try await api.events("authentication.").isEmpty)
            let sessions = try await api.get("/user_management/users/\(user["id"]?.stringValue ?? "")/sessions").json
            #expect(sessions["data"]?.arrayValue?.first?["impersonator"]?["email"] == "support@example.com")

            // A refresh keeps the impersonator, in the response and the token.
            let refreshed = try await api.authenticate("refresh_token", ["refresh_token": signedIn.json["refresh_token"] ?? .null])
            #expect(refreshed.json["impersonator"]?["email"] == "support@example.com")
            #expect(try await api.verifiedClaims(refreshed.json["access_token"]?.stringValue)["act"] == ["sub": "support@example.com"])
            // The code is single use, and the session ends after 60 minutes.
            #expect(try await api.authenticate("authorization_code", ["code": .string(code)]).json["error"] == "invalid_grant")
            try await api.advanceClock(3601)
            let late = try await api.authenticate("refresh_token", ["refresh_token": refreshed.json["refresh_token"] ?? .null])
            #expect(late.json["error"] == "invalid_grant")
        }
    }

    @Test func badRequestsAreRefused() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let acme = try await api.organization("Acme")
            let globex = try await api.organization("Globex")
            try await api.member(user["id"], of: acme)
            try await api.member(user["id"], of: globex)
            let base: JSONObject = ["user_id": user["id"] ?? .null, "impersonator_email": "support@example.com",
                                    "reason": "Ticket 42", "redirect_uri": "http://localhost:3000/callback"]
            func start(_ change: (inout JSONObject) -> Void) async throws -> APIResponse {
                var body = base
                change(&body)
                return try await api.post("/_emulator/impersonations", .object(body))
            }
            // A member of several organizations needs one named, of theirs.
            #expect(try await start { _ in }.json["errors"]?.arrayValue?.first?["field"] == "organization_id")
            let other = try await api.organization("Initech")
            #expect(try await start { $0["organization_id"] = .string(other) }.status == .unprocessableContent)
            #expect(try await start { $0["organization_id"] = .string(globex) }.status == .created)
            #expect(try await start { $0["reason"] = " " }.status == .unprocessableContent)
            #expect(try await start { $0["reason"] = nil }.status == .unprocessableContent)
            #expect(try await start { $0["impersonator_email"] = "support" }.status == .unprocessableContent)
            #expect(try await start { $0["user_id"] = "user_01NOPE" }.status == .notFound)
            #expect(try await start { $0["redirect_uri"] = "https://evil.example.com/cb" }.status == .unprocessableContent)
            #expect(try await start { $0["colour"] = "blue" }.status == .unprocessableContent)
            // Without a redirect URI, the environment's default one.
            #expect(try await start { $0["redirect_uri"] = nil; $0["organization_id"] = .string(acme) }.status == .unprocessableContent)
            try await api.post("/user_management/redirect_uris", ["uri": "https://app.example.com/callback"])
            let byDefault = try await start { $0["redirect_uri"] = nil; $0["organization_id"] = .string(acme) }
            #expect(byDefault.json["redirect_uri"] == "https://app.example.com/callback")
        }
    }
}
