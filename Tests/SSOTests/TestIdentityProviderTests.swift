import EmulatorCore
import EmulatorTesting
import Testing

/// The test identity provider's page: choosing an offered user, typing a guest, failing, and the
/// IdP-initiated start.
@Suite struct TestIdentityProviderTests {
    /// The page of a fresh sign-in for the Acme connection: its path (with the client ID).
    private func pagePath(_ world: SSOWorld, _ extra: [(String, String)] = []) async throws -> String {
        let answer = try await world.authorize([("connection", try world.connectionID), ("state", "st")] + extra)
        return try #require(answer.location)
    }

    @Test func choosingAnOfferedUserReturnsACodeForTheirProfile() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let path = try await pagePath(world)
            let answer = try await world.api.postForm(path, [("action", "sign_in"), ("email", "alice@acme.com")])
            #expect(answer.status == .seeOther)
            #expect(answer.location?.hasPrefix(SSOWorld.callback + "?code=") == true)
            #expect(answer.redirectQuery["state"] == "st")
            let token = try await world.exchange(try #require(answer.redirectQuery["code"]))
            let profile = try #require(token.json["profile"])
            #expect(profile["email"] == "alice@acme.com")
            #expect(profile["name"] == "Alice Smith")
            #expect(profile["idp_id"] == "alice@acme.com")
            #expect(profile["groups"] == ["Engineering"])
            #expect(profile["role"] == ["slug": "admin"])
            #expect(profile["roles"] == [["slug": "admin"]])
            #expect(profile["custom_attributes"] == ["department": "R&D"])
            #expect(profile["raw_attributes"]?["email"] == "alice@acme.com")
            #expect(profile["organization_id"] == .string(try world.organizationID))
            #expect(profile["connection_id"] == .string(try world.connectionID))
            #expect(profile["connection_type"] == "TestIdp")

            let succeeded = try await world.events("authentication.sso_succeeded")
            #expect(succeeded.count == 1)
            #expect(succeeded.first?.data["email"] == "alice@acme.com")
            #expect(succeeded.first?.data["sso"]?["connection_id"] == .string(try world.connectionID))

            // The request is used up.
            let again = try await world.api.postForm(path, [("action", "sign_in"), ("email", "alice@acme.com")])
            #expect(again.status == .notFound)
            #expect(try await world.api.with(apiKey: nil).get(path).status == .notFound)
        }
    }

    @Test func signingInTwiceKeepsTheProfileID() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let first = try await world.exchange(try await world.code([("login_hint", "bob@acme.com")])).json["profile"]?["id"]
            let second = try await world.exchange(try await world.code([("login_hint", "bob@acme.com")])).json["profile"]?["id"]
            #expect(first?.stringValue?.hasPrefix("prof_") == true)
            #expect(first == second)
        }
    }

    @Test func aTypedGuestFromAnotherDomainSignsIn() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let answer = try await world.api.postForm(try await pagePath(world), [
                ("action", "sign_in"), ("email", "guest@partner.org"), ("first_name", "Gus"), ("last_name", "Guest"),
            ])
            let profile = try await world.exchange(try #require(answer.redirectQuery["code"])).json["profile"]
            #expect(profile?["email"] == "guest@partner.org")
            #expect(profile?["name"] == "Gus Guest")
            #expect(profile?["organization_id"] == .string(try world.organizationID))
            #expect(profile?["roles"] == [])
        }
    }

    @Test func failingSendsAccessDeniedAndEmitsSSOFailed() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let answer = try await world.api.postForm(try await pagePath(world), [("action", "fail")])
            #expect(answer.status == .seeOther)
            #expect(answer.redirectQuery["error"] == "access_denied")
            #expect(answer.redirectQuery["state"] == "st")
            let failed = try await world.events("authentication.sso_failed")
            #expect(failed.first?.data["error"]?["code"] == "access_denied")
            #expect(failed.first?.data["status"] == "failed")
        }
    }

    @Test func aBadAnswerShowsThePageAgainOrAnErrorPage() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let path = try await pagePath(world)
            let noEmail = try await world.api.postForm(path, [("action", "sign_in"), ("email", "not-an-email")])
            #expect(noEmail.status == .unprocessableContent)
            #expect(noEmail.text.contains("role=\"alert\""))
            #expect(noEmail.text.contains("Alice Smith"))
            let unknown = try await world.api.postForm(path, [("action", "dance")])
            #expect(unknown.status == .badRequest)
            // Neither used the request up.
            #expect(try await world.api.postForm(path, [("action", "sign_in"), ("email", "bob@acme.com")]).status == .seeOther)
        }
    }

    @Test func aConnectionDeactivatedWhileThePageIsOpenIsReportedAsUnlinked() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let path = try await pagePath(world)
            _ = try await world.api.post("/_emulator/connections/\(try world.connectionID)/deactivate")
            let answer = try await world.api.postForm(path, [("action", "sign_in"), ("email", "bob@acme.com")])
            #expect(answer.redirectQuery["error"] == "connection_unlinked")
        }
    }

    @Test func theRequestExpiresOnTheEnvironmentsClock() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let path = try await pagePath(world)
            try await world.advanceClock(seconds: 1801)
            #expect(try await world.api.with(apiKey: nil).get(path).status == .notFound)
        }
    }

    @Test func theLoginHintIsPrefilledAndFocused() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let page = try await world.api.with(apiKey: nil).get(try await pagePath(world, [("login_hint", "bob@acme.com")]))
            #expect(page.text.contains("value=\"bob@acme.com\" autofocus"))
            #expect(page.text.contains("<input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\" value=\"bob@acme.com\">"))
        }
    }

    @Test func anIdPInitiatedSignInStartsFromTheEmulatorsURL() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let start = "/sso/test_idp?" + FormFields.encode([
                ("client_id", world.clientID), ("connection", try world.connectionID), ("redirect_uri", SSOWorld.callback),
            ])
            let started = try await world.api.with(apiKey: nil).get(start)
            #expect(started.status == .found)
            let path = try #require(started.location)
            let answer = try await world.api.postForm(path, [("action", "sign_in"), ("email", "bob@acme.com")])
            #expect(answer.redirectQuery["code"] != nil)
            #expect(answer.redirectQuery["state"] == nil)

            let evil = try await world.api.with(apiKey: nil).get("/sso/test_idp?" + FormFields.encode([
                ("client_id", world.clientID), ("connection", try world.connectionID), ("redirect_uri", "https://evil.example/cb"),
            ]))
            #expect(evil.status == .badRequest)
            let missing = try await world.api.with(apiKey: nil).get("/sso/test_idp?" + FormFields.encode([
                ("client_id", world.clientID), ("connection", "conn_missing"), ("redirect_uri", SSOWorld.callback),
            ]))
            #expect(missing.status == .notFound)
        }
    }
}
