import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// Magic Link: `POST /passwordless/sessions`, `…/{id}/send`, and the link itself, which signs the
/// address in through a Magic Link connection and hands the redirect URI a code for `/sso/token`.
@Suite struct PasswordlessTests {
    /// `POST /passwordless/sessions`, insisting on 201.
    private func session(_ world: SSOWorld, _ body: JSONObject) async throws -> JSON {
        var body = body
        if body["type"] == nil { body["type"] = "MagicLink" }
        let created = try await world.api.post("/passwordless/sessions", .object(body))
        try #require(created.status == .created, "\(created.text)")
        return created.json
    }

    /// Follows a session's link as a browser does (no API key).
    private func visit(_ session: JSON, _ world: SSOWorld) async throws -> APIResponse {
        let link = try #require(session["link"]?.stringValue)
        return try await world.api.with(apiKey: nil).get(try #require(URLComponents(string: link)?.path))
    }

    @Test func theLinkSignsTheAddressInOnceThroughTheEnvironmentsMagicLinkConnection() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [:])
            try await world.freezeClock()
            let created = try await session(world, ["email": " Ann@Gmail.com ", "redirect_uri": .string(SSOWorld.callback), "state": "s1"])
            #expect(created["object"] == "passwordless_session" && created["email"] == "ann@gmail.com")
            #expect(created["id"]?.stringValue?.hasPrefix("passwordless_session_") == true)
            let now = try #require(api.emulator.registry.environment(apiKey: world.api.apiKey ?? "")).clock.now()
            #expect(created["expires_at"] == .string(Timestamp.format(now.addingTimeInterval(900))))
            let link = try #require(created["link"]?.stringValue)
            #expect(link.hasSuffix("/confirm") && URLComponents(string: link)?.path.hasPrefix("/passwordless/") == true)

            // The environment's Magic Link connection, made active for the first session.
            let connections = try await world.api.get("/connections").json["data"]?.arrayValue ?? []
            #expect(connections.count == 1)
            let connection = try #require(connections.first)
            #expect(connection["connection_type"] == "MagicLink" && connection["organization_id"] == .null)
            #expect(connection["state"] == "active")
            #expect(try await world.events("connection.activated").count == 1)

            let sent = try await world.api.post("/passwordless/sessions/\(try #require(created["id"]?.stringValue))/send")
            #expect(sent.status == .ok && sent.json == ["success": true])
            let outbox = try await world.api.get("/_emulator/outbox").json["data"]?.arrayValue ?? []
            #expect(outbox.count == 1)
            #expect(outbox.first?["kind"] == "magic_link" && outbox.first?["to"] == "ann@gmail.com" && outbox.first?["url"] == .string(link))

            let signedIn = try await visit(created, world)
            #expect(signedIn.status == .found && signedIn.location?.hasPrefix(SSOWorld.callback + "?") == true)
            #expect(signedIn.redirectQuery["state"] == "s1")
            let code = try #require(signedIn.redirectQuery["code"])
            let token = try await world.exchange(code)
            #expect(token.status == .ok, "\(token.text)")
            let profile = try #require(token.json["profile"])
            #expect(profile["connection_type"] == "MagicLink" && profile["connection_id"] == connection["id"])
            #expect(profile["email"] == "ann@gmail.com" && profile["idp_id"] == "ann@gmail.com")
            #expect(profile["organization_id"] == .null && profile["first_name"] == .null && profile["raw_attributes"] == [:])

            let again = try await visit(created, world)
            #expect(again.redirectQuery["error"] == "access_denied" && again.redirectQuery["state"] == "s1")
            #expect(again.redirectQuery["code"] == nil)

            // The same address signs in as the same profile, through the same connection.
            let second = try await visit(try await session(world, ["email": "ann@gmail.com", "redirect_uri": .string(SSOWorld.callback)]), world)
            let secondProfile = try await world.exchange(try #require(second.redirectQuery["code"])).json["profile"]
            #expect(secondProfile?["id"] == profile["id"] && second.redirectQuery["state"] == nil)
            #expect(try await world.api.get("/connections").json["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func anAddressInAVerifiedDomainUsesItsOrganizationsMagicLinkConnection() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [
                "organizations": ["acme": ["name": "Acme", "domains": ["acme.com"]]],
                "connections": [
                    "acme_sso": ["organization": "acme"],
                    "acme_link": ["organization": "acme", "type": "MagicLink"],
                ],
            ])
            let acmeLink = try world.id("connections", "acme_link")
            let visited = try await visit(try await session(world, ["email": "alice@acme.com", "redirect_uri": .string(SSOWorld.callback)]), world)
            let profile = try await world.exchange(try #require(visited.redirectQuery["code"])).json["profile"]
            let acme = try world.organizationID
            #expect(profile?["connection_id"] == .string(acmeLink) && profile?["organization_id"] == .string(acme))

            // `connection` names one: a Magic Link connection, or it is refused.
            let named = try await visit(try await session(world, ["email": "bob@elsewhere.com", "connection": .string(acmeLink),
                                                                  "redirect_uri": .string(SSOWorld.callback)]), world)
            #expect(try await world.exchange(try #require(named.redirectQuery["code"])).json["profile"]?["connection_id"] == .string(acmeLink))
            let notMagic = try await world.api.post("/passwordless/sessions", [
                "email": "bob@elsewhere.com", "type": "MagicLink", "connection": .string(try world.connectionID),
                "redirect_uri": .string(SSOWorld.callback),
            ])
            #expect(notMagic.status == .unprocessableContent && notMagic.json["errors"]?.arrayValue?.first?["field"] == "connection")
            let missing = try await world.api.post("/passwordless/sessions", [
                "email": "bob@elsewhere.com", "type": "MagicLink", "connection": "conn_missing", "redirect_uri": .string(SSOWorld.callback),
            ])
            #expect(missing.status == .notFound)
            // No environment-wide connection was needed.
            #expect(try await world.api.get("/connections").json["data"]?.arrayValue?.count == 2)
        }
    }

    @Test func theRedirectURIIsAskedForOrTheEnvironmentsDefault() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [:])
            let body: JSON = ["email": "ann@gmail.com", "type": "MagicLink"]
            let noDefault = try await world.api.post("/passwordless/sessions", body)
            #expect(noDefault.status == .unprocessableContent && noDefault.json["errors"]?.arrayValue?.first?["field"] == "redirect_uri")
            let unregistered = try await world.api.post("/passwordless/sessions", [
                "email": "ann@gmail.com", "type": "MagicLink", "redirect_uri": "https://app.example.com/callback",
            ])
            #expect(unregistered.status == .unprocessableContent)
            #expect(try await world.api.get("/connections").json["data"] == [])

            let registered = try await world.api.post("/user_management/redirect_uris", ["uri": "https://app.example.com/callback"])
            #expect(registered.status == .created)
            let visited = try await visit(try await session(world, ["email": "ann@gmail.com"]), world)
            #expect(visited.location?.hasPrefix("https://app.example.com/callback?code=") == true)
        }
    }

    @Test func linksExpireOnTheClockAndBadBodiesAreRefused() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [:])
            try await world.freezeClock()
            let short = try await session(world, ["email": "ann@gmail.com", "redirect_uri": .string(SSOWorld.callback), "expires_in": 900])
            let long = try await session(world, ["email": "ann@gmail.com", "redirect_uri": .string(SSOWorld.callback), "expires_in": 86400])
            try await world.advanceClock(seconds: 900)
            let shortID = try #require(short["id"]?.stringValue)
            let unsent = try await world.api.post("/passwordless/sessions/\(shortID)/send")
            #expect(unsent.status == .unprocessableContent && unsent.json["code"] == "passwordless_session_expired")
            let expired = try await visit(short, world)
            #expect(expired.redirectQuery["error"] == "access_denied" && expired.redirectQuery["code"] == nil)
            #expect(try await visit(long, world).redirectQuery["code"] != nil)
            #expect(try await world.api.post("/passwordless/sessions/passwordless_session_missing/send").status == .notFound)

            let bad = try await world.api.post("/passwordless/sessions", ["email": "not-an-address", "type": "Link", "expires_in": 899])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } == ["email", "type", "expires_in"])
            let tooLong = try await world.api.post("/passwordless/sessions", [
                "email": "ann@gmail.com", "type": "MagicLink", "expires_in": 86401, "redirect_uri": .string(SSOWorld.callback),
            ])
            #expect(tooLong.status == .unprocessableContent)
            #expect(try await world.api.post("/passwordless/sessions", ["email": "ann@gmail.com"]).status == .unprocessableContent)

            let unknown = try await world.api.with(apiKey: nil).get("/passwordless/nothing-we-issued/confirm")
            #expect(unknown.status == .notFound && unknown.text.contains("Invalid Magic Link"))
        }
    }

    @Test func aSwitchedOffConnectionSignsNoOneIn() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [:])
            let pending = try await session(world, ["email": "ann@gmail.com", "redirect_uri": .string(SSOWorld.callback)])
            let connection = try #require(try await world.api.get("/connections").json["data"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await world.api.post("/_emulator/connections/\(connection)/deactivate").status == .ok)
            let refused = try await world.api.post("/passwordless/sessions", [
                "email": "ann@gmail.com", "type": "MagicLink", "redirect_uri": .string(SSOWorld.callback),
            ])
            #expect(refused.status == .unprocessableContent && refused.json["code"] == "connection_invalid")
            let denied = try await visit(pending, world)
            #expect(denied.redirectQuery["error"] == "access_denied")
            #expect(denied.redirectQuery["error_description"]?.contains("inactive") == true)
        }
    }
}
