import EmulatorCore
import EmulatorTesting
import Testing

/// SSO logout: a logout token from the API, spent once by the browser, signs the profile out.
@Suite struct LogoutTests {
    @Test func theLogoutURLSignsTheProfileOutOnce() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let token = try await world.exchange(try await world.code()).json
            let accessToken = try #require(token["access_token"]?.stringValue)
            let profileID = try #require(token["profile"]?["id"]?.stringValue)

            let authorized = try await world.api.post("/sso/logout/authorize", ["profile_id": .string(profileID)])
            #expect(authorized.status == .ok)
            let logoutToken = try #require(authorized.json["logout_token"]?.stringValue)
            let logoutURL = try #require(authorized.json["logout_url"]?.stringValue)
            #expect(logoutURL.hasPrefix("http://"))
            #expect(logoutURL.hasSuffix("/sso/logout?token=" + logoutToken))

            let anonymous = world.api.with(apiKey: nil)
            let page = try await anonymous.get("/sso/logout?token=\(logoutToken)")
            #expect(page.status == .ok)
            #expect(page.text.contains("alice@acme.com is signed out"))
            let profile = try await anonymous.request(.get, "/sso/profile", headers: [.authorization: "Bearer \(accessToken)"])
            #expect(profile.status == .unauthorized)
            #expect(try await anonymous.get("/sso/logout?token=\(logoutToken)").status == .notFound)
        }
    }

    @Test func logoutTokensExpireAndNeedAnExistingProfile() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let profileID = try #require(try await world.exchange(try await world.code()).json["profile"]?["id"]?.stringValue)
            let token = try #require(try await world.api.post("/sso/logout/authorize", ["profile_id": .string(profileID)])
                .json["logout_token"]?.stringValue)
            try await world.advanceClock(seconds: 301)
            #expect(try await world.api.with(apiKey: nil).get("/sso/logout?token=\(token)").status == .notFound)
            #expect(try await world.api.with(apiKey: nil).get("/sso/logout").status == .notFound)

            let missing = try await world.api.post("/sso/logout/authorize", ["profile_id": "prof_missing"])
            #expect(missing.status == .notFound)
            #expect(try await world.api.post("/sso/logout/authorize", [:]).status == .unprocessableContent)

            _ = try await world.api.post("/_emulator/connections/\(try world.connectionID)/deactivate")
            let unlinked = try await world.api.post("/sso/logout/authorize", ["profile_id": .string(profileID)])
            #expect(unlinked.status == .badRequest)
            #expect(unlinked.json["error"] == "connection_invalid")
        }
    }
}
