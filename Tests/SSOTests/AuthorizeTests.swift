import EmulatorCore
import EmulatorTesting
import Testing

/// `GET /sso/authorize`: every way of naming a connection, and every way it can go wrong.
@Suite struct AuthorizeTests {
    /// Where an authorization lands: the test IdP page's path, or the callback with a code or an error.
    private func landing(_ response: APIResponse) -> String {
        guard response.status == .found, let location = response.location else { return "status \(response.status.code)" }
        if location.hasPrefix("/sso/test_idp/") { return "page" }
        let query = response.redirectQuery
        return query["code"] != nil ? "code" : "error=\(query["error"] ?? "?")"
    }

    @Test func eachSelectorRoutesToTheConnection() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            for selector in [("connection", try world.connectionID), ("organization", try world.organizationID),
                             ("domain", "acme.com"), ("domain_hint", "ACME.com"), ("login_hint", "someone@acme.com")] {
                let answer = try await world.authorize([selector, ("state", "s")])
                #expect(landing(answer) == "page", "\(selector)")
            }
        }
    }

    @Test func theOrganizationsConnectionIsTheOneThePageShows() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let answer = try await world.authorize([("organization", try world.organizationID)])
            let page = try await world.api.with(apiKey: nil).get(try #require(answer.location))
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("Acme SSO"))
            #expect(page.text.contains(try world.connectionID))
            #expect(page.text.contains("Alice Smith (alice@acme.com)"))
        }
    }

    @Test func aProviderRoutesToTheEnvironmentsOAuthConnection() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [
                "connections": ["google": ["type": "GoogleOAuth", "profiles": [["email": "pat@gmail.com"]]]],
            ])
            let answer = try await world.authorize([("provider", "GoogleOAuth"), ("test_idp", "sign_in")])
            let code = try #require(answer.redirectQuery["code"])
            let profile = try await world.exchange(code).json["profile"]
            #expect(profile?["connection_type"] == "GoogleOAuth")
            #expect(profile?["organization_id"] == .null)
            #expect(profile?["email"] == "pat@gmail.com")

            let missing = try await world.authorize([("provider", "GitHubOAuth")])
            #expect(landing(missing) == "error=connection_invalid")
            let unknown = try await world.authorize([("provider", "FaxOAuth")])
            #expect(landing(unknown) == "error=invalid_connection_selector")
        }
    }

    @Test func routingErrorsGoBackToTheRedirectURIWithState() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [
                "organizations": [
                    "acme": ["name": "Acme", "domains": ["acme.com"]],
                    "bare": ["name": "No SSO"],
                    "twice": ["name": "Twice"],
                ],
                "connections": [
                    "acme_sso": ["organization": "acme", "state": "inactive"],
                    "one": ["organization": "twice"],
                    "two": ["organization": "twice", "type": "OktaSAML"],
                ],
            ])
            let cases: [([(String, String)], String)] = [
                ([("connection", "conn_missing")], "connection_invalid"),
                ([("connection", try world.connectionID)], "connection_unlinked"),
                ([("organization", try world.id("organizations", "acme"))], "connection_unlinked"),
                ([("organization", try world.id("organizations", "bare"))], "organization_invalid"),
                ([("organization", "org_missing")], "organization_invalid"),
                ([("organization", try world.id("organizations", "twice"))], "ambiguous_connection_selector"),
                ([("domain", "nobody.com")], "connection_domain_invalid"),
                ([], "invalid_connection_selector"),
                ([("login_hint", "x@nobody.com")], "invalid_connection_selector"),
                ([("connection", try world.connectionID), ("organization", try world.id("organizations", "acme"))], "invalid_connection_selector"),
            ]
            for (parameters, error) in cases {
                let answer = try await world.authorize(parameters + [("state", "a b+c&d")])
                #expect(landing(answer) == "error=\(error)", "\(parameters)")
                #expect(answer.redirectQuery["state"] == "a b+c&d")
                #expect(answer.redirectQuery["error_description"]?.isEmpty == false)
                #expect(answer.location?.hasPrefix(SSOWorld.callback + "?") == true)
            }
            let organization = try await world.authorize([("organization", try world.id("organizations", "bare"))])
            #expect(organization.redirectQuery["error_description"] == "No connection associated with organization")
        }
    }

    @Test func malformedRequestsWithAGoodRedirectURIAreRedirectedErrors() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let connection = ("connection", try world.connectionID)
            #expect(landing(try await world.authorize([connection, ("response_type", "token")])) == "error=unsupported_response_type")
            #expect(landing(try await world.authorize([connection, ("code_challenge", "x"), ("code_challenge_method", "plain")])) == "error=invalid_request")
            #expect(landing(try await world.authorize([connection, ("test_idp", "maybe")])) == "error=invalid_request")
        }
    }

    @Test func aBadClientOrRedirectURIGetsAnHTMLPageNeverARedirect() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let connection = ("connection", try world.connectionID)
            for parameters in [
                [connection, ("client_id", "client_unknown")],
                [connection, ("redirect_uri", "https://evil.example.com/callback")],
                [connection, ("redirect_uri", "not a url")],
                [connection, ("redirect_uri", "http://localhost:3000/cb#fragment")],
            ] {
                let answer = try await world.authorize(parameters)
                #expect(answer.status == .badRequest, "\(parameters)")
                #expect(answer.location == nil)
                #expect(answer.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(answer.text.contains("role=\"alert\""))
            }
            let noClient = try await api.with(apiKey: nil).get("/sso/authorize?redirect_uri=http://localhost/cb&response_type=code")
            #expect(noClient.status == .badRequest)
            for loopback in ["http://127.0.0.1:8080/cb", "https://localhost/cb?keep=1", "http://[::1]:9000/cb"] {
                let answer = try await world.authorize([connection, ("redirect_uri", loopback)])
                #expect(landing(answer) == "page", "\(loopback)")
            }
            let kept = try await world.authorize([connection, ("redirect_uri", "https://localhost/cb?keep=1"), ("test_idp", "sign_in")])
            #expect(kept.location?.hasPrefix("https://localhost/cb?keep=1&code=") == true)
        }
    }

    @Test func theNonInteractiveModeSignsTheLoginHintInAtOnce() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let organization = ("organization", try world.organizationID)
            let bob = try await world.authorize([organization, ("login_hint", "BOB@acme.com"), ("test_idp", "sign_in"), ("state", "42")])
            #expect(landing(bob) == "code")
            #expect(bob.redirectQuery["state"] == "42")
            #expect(try await world.exchange(try #require(bob.redirectQuery["code"])).json["profile"]?["first_name"] == "Bob")

            let first = try await world.authorize([organization, ("test_idp", "sign_in")])
            #expect(try await world.exchange(try #require(first.redirectQuery["code"])).json["profile"]?["email"] == "alice@acme.com")

            let guest = try await world.authorize([organization, ("test_idp", "sign_in"), ("login_hint", "guest@elsewhere.org")])
            let guestProfile = try await world.exchange(try #require(guest.redirectQuery["code"])).json["profile"]
            #expect(guestProfile?["email"] == "guest@elsewhere.org")
            #expect(guestProfile?["first_name"] == .null)

            let failed = try await world.authorize([organization, ("test_idp", "fail"), ("state", "s")])
            #expect(landing(failed) == "error=access_denied")
            #expect(failed.redirectQuery["state"] == "s")
            #expect(try await world.events("authentication.sso_failed").count == 1)
        }
    }

    @Test func aConnectionCanSignInAutomaticallyByDefault() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [
                "organizations": ["acme": ["name": "Acme", "domains": ["acme.com"]]],
                "connections": ["acme_sso": ["organization": "acme", "sign_in": "automatic",
                                             "profiles": [["email": "alice@acme.com"]]]],
            ])
            #expect(landing(try await world.authorize([("domain_hint", "acme.com")])) == "code")
            #expect(landing(try await world.authorize([("domain_hint", "acme.com"), ("test_idp", "page")])) == "page")
        }
    }
}
