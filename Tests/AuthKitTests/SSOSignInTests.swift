import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// SSO through AuthKit: `/user_management/authorize` routed through an organization's connection at
/// the test identity provider, the profile provisioned as an AuthKit user and membership, and
/// `sso_required` for the organization's addresses on every other way in.
@Suite struct SSOSignInTests {
    /// Acme (acme.com verified) with an active TestIdp connection offering Alice (an admin), Bob (no
    /// role) and Gus (a role Acme does not have).
    struct Acme {
        let api: APIClient
        let organizationID: String
        let connectionID: String
        var browser: APIClient { api.with(apiKey: nil) }

        static func make(_ api: APIClient) async throws -> Acme {
            let applied = try await api.post("/_emulator/scenarios", [
                "organizations": ["acme": ["name": "Acme", "domains": ["acme.com"]]],
                "connections": ["acme_sso": [
                    "organization": "acme", "name": "Acme SSO",
                    "profiles": [
                        ["email": "alice@acme.com", "first_name": "Alice", "last_name": "Smith", "role": "admin"],
                        ["email": "bob@acme.com", "first_name": "Bob"],
                        ["email": "gus@acme.com", "role": "ghost"],
                    ],
                ]],
            ])
            try #require(applied.status == .ok || applied.status == .created, "\(applied.text)")
            let created = try #require(applied.json["created"])
            return Acme(api: api, organizationID: try #require(created["organizations"]?["acme"]?["id"]?.stringValue),
                        connectionID: try #require(created["connections"]?["acme_sso"]?["id"]?.stringValue))
        }

        /// `/user_management/authorize` with the query (`&…`), not following redirects.
        func authorize(_ query: String) async throws -> APIResponse {
            try await browser.get(try api.authorizeURL(query))
        }

        func exchange(_ response: APIResponse) async throws -> APIResponse {
            let code = try #require(response.redirectQuery["code"], "\(response.status) \(response.location ?? response.text)")
            return try await api.authenticate("authorization_code", ["code": .string(code)])
        }

        /// Answers the test identity provider's page the browser was sent to.
        func answerPage(_ response: APIResponse, _ fields: [(String, String)]) async throws -> APIResponse {
            let location = try #require(response.location)
            try #require(location.hasPrefix("/sso/test_idp/"), "\(location)")
            let page = try await browser.get(location)
            #expect(page.status == .ok && page.text.contains("Acme SSO"))
            return try await browser.postForm(location, fields)
        }
    }

    @Test func connectionIDSignsInThroughTheIdentityProvider() async throws {
        try await TestEmulator.run { api in
            let acme = try await Acme.make(try await api.newEnvironment())
            let answer = try await acme.authorize("&connection_id=\(acme.connectionID)&state=st&login_hint=alice@acme.com&test_idp=sign_in")
            #expect(answer.status == .found && answer.redirectQuery["state"] == "st")
            #expect(answer.location?.hasPrefix("http://localhost:3000/cb?code=") == true)
            let signedIn = try await acme.exchange(answer)
            #expect(signedIn.status == .ok, "\(signedIn.text)")
            #expect(signedIn.json["authentication_method"] == "SSO")
            #expect(signedIn.json["organization_id"]?.stringValue == acme.organizationID)
            let user = try #require(signedIn.json["user"])
            #expect(user["email"] == "alice@acme.com" && user["first_name"] == "Alice" && user["email_verified"] == true)
            let claims = try await acme.api.verifiedClaims(signedIn.json["access_token"]?.stringValue)
            #expect(claims["org_id"]?.stringValue == acme.organizationID && claims["role"] == "admin")

            // Just in time: the user, and their membership with the identity provider's role, in the
            // identity provider's transaction; one SSO event, naming the user and the connection.
            let membership = try await acme.api.get("/user_management/organization_memberships?user_id=\(user["id"]?.stringValue ?? "")")
            let joined = membership.json["data"]?.arrayValue?.first
            #expect(joined?["organization_id"]?.stringValue == acme.organizationID && joined?["role"]?["slug"] == "admin")
            let events = try await acme.api.events().filter { !$0.hasPrefix("connection.") && !$0.hasPrefix("organization") || $0.hasPrefix("organization_membership") }
            #expect(events == ["user.created", "organization_membership.created", "authentication.sso_succeeded", "session.created"])
            let event = try #require(try await acme.api.lastEvent("authentication.sso_succeeded"))
            #expect(event["user_id"] == user["id"] && event["sso"]?["connection_id"]?.stringValue == acme.connectionID)
            let session = try await acme.api.get("/user_management/users/\(user["id"]?.stringValue ?? "")/sessions")
            #expect(session.json["data"]?.arrayValue?.first?["auth_method"] == "sso")

            // A second sign-in finds the same user and membership.
            let again = try await acme.exchange(try await acme.authorize("&connection_id=\(acme.connectionID)&login_hint=alice@acme.com&test_idp=sign_in"))
            #expect(again.json["user"]?["id"] == user["id"])
            #expect(try await acme.api.events("user.created").count == 1)
            #expect(try await acme.api.events("organization_membership.created").count == 1)
        }
    }

    @Test func organizationIDGoesToTheIdentityProviderPage() async throws {
        try await TestEmulator.run { api in
            let acme = try await Acme.make(try await api.newEnvironment())
            let answer = try await acme.authorize("&organization_id=\(acme.organizationID)&state=st")
            let back = try await acme.answerPage(answer, [("action", "sign_in"), ("email", "bob@acme.com")])
            #expect(back.status == .seeOther && back.redirectQuery["state"] == "st")
            let signedIn = try await acme.exchange(back)
            #expect(signedIn.json["user"]?["email"] == "bob@acme.com" && signedIn.json["authentication_method"] == "SSO")
            // No role from the identity provider: the default one.
            let claims = try await acme.api.verifiedClaims(signedIn.json["access_token"]?.stringValue)
            #expect(claims["role"] == "member")

            // An organization without a connection signs in on the hosted pages, as before.
            let other = try await acme.api.organization("Plain")
            let hosted = try await acme.authorize("&organization_id=\(other)")
            #expect(hosted.location?.hasPrefix("/authkit/sign-in?request=") == true)
        }
    }

    @Test func aRoleTheOrganizationLacksFallsBackToTheDefault() async throws {
        try await TestEmulator.run { api in
            let acme = try await Acme.make(try await api.newEnvironment())
            let signedIn = try await acme.exchange(
                try await acme.authorize("&organization_id=\(acme.organizationID)&login_hint=gus@acme.com&test_idp=sign_in"))
            #expect(try await acme.api.verifiedClaims(signedIn.json["access_token"]?.stringValue)["role"] == "member")
        }
    }

    @Test func domainHintAndLoginHintRouteByVerifiedDomain() async throws {
        try await TestEmulator.run { api in
            let acme = try await Acme.make(try await api.newEnvironment())
            let byDomain = try await acme.authorize("&provider=authkit&domain_hint=acme.com")
            #expect(byDomain.location?.hasPrefix("/sso/test_idp/") == true)
            let byLoginHint = try await acme.authorize("&provider=authkit&login_hint=bob@acme.com")
            #expect(byLoginHint.location?.hasPrefix("/sso/test_idp/") == true)
            // Automatic sign-in reaches through the identity provider, signing the hinted user in.
            let automatic = try await acme.exchange(
                try await acme.authorize("&provider=authkit&login_hint=bob@acme.com&emulator_sign_in=automatic"))
            #expect(automatic.json["authentication_method"] == "SSO" && automatic.json["user"]?["email"] == "bob@acme.com")
            // Other domains, and social providers, keep AuthKit's own ways in.
            #expect(try await acme.authorize("&provider=authkit&domain_hint=other.com").location?.hasPrefix("/authkit/sign-in") == true)
            #expect(try await acme.authorize("&provider=GoogleOAuth&login_hint=bob@acme.com").location?.hasPrefix("/authkit/provider") == true)
        }
    }

    @Test func anAddressOfTheDomainOnTheHostedPageGoesToTheIdentityProvider() async throws {
        try await TestEmulator.run { api in
            let acme = try await Acme.make(try await api.newEnvironment())
            let hosted = try await acme.authorize("&provider=authkit&state=st")
            let request = try #require(hosted.redirectQuery["request"])
            let typed = try await acme.browser.form("/authkit/sign-in", ["request": request, "email": "carol@acme.com"])
            let back = try await acme.answerPage(typed, [("action", "sign_in"), ("email", "carol@acme.com"), ("first_name", "Carol")])
            #expect(back.redirectQuery["state"] == "st")
            let signedIn = try await acme.exchange(back)
            #expect(signedIn.json["user"]?["email"] == "carol@acme.com" && signedIn.json["user"]?["first_name"] == "Carol")
            #expect(signedIn.json["authentication_method"] == "SSO")
            // Anyone else still needs a password (on a new sign-in: the first one is over).
            let next = try #require(try await acme.authorize("&provider=authkit").redirectQuery["request"])
            let elsewhere = try await acme.browser.form("/authkit/sign-in", ["request": next, "email": "dan@other.com"])
            #expect(elsewhere.status == .ok && elsewhere.text.contains("Enter your password."), "\(elsewhere.status) \(elsewhere.text)")
        }
    }

    @Test func unknownAndInactiveConnectionsGoBackAsErrors() async throws {
        try await TestEmulator.run { api in
            let acme = try await Acme.make(try await api.newEnvironment())
            let unknown = try await acme.authorize("&connection_id=conn_nope&state=st")
            #expect(unknown.redirectQuery["error"] == "connection_invalid" && unknown.redirectQuery["state"] == "st")
            let waiting = try await acme.authorize("&connection_id=\(acme.connectionID)&state=st")
            #expect(try await acme.api.post("/_emulator/connections/\(acme.connectionID)/deactivate", .object([:])).status == .ok)
            let inactive = try await acme.authorize("&connection_id=\(acme.connectionID)&state=st")
            #expect(inactive.redirectQuery["error"] == "connection_unlinked" && inactive.redirectQuery["state"] == "st")
            // A page opened before the switch answers with the same error, on the application's URI.
            let answered = try await acme.browser.postForm(try #require(waiting.location), [("action", "sign_in"), ("email", "bob@acme.com")])
            #expect(answered.redirectQuery["error"] == "connection_unlinked" && answered.redirectQuery["state"] == "st")
            #expect(answered.location?.hasPrefix("http://localhost:3000/cb?") == true)
            // The organization's members are no longer routed to it (or held to it).
            #expect(try await acme.authorize("&organization_id=\(acme.organizationID)").location?.hasPrefix("/authkit/sign-in") == true)
        }
    }

    @Test func theIdentityProviderFailingReachesTheApplication() async throws {
        try await TestEmulator.run { api in
            let acme = try await Acme.make(try await api.newEnvironment())
            let page = try await acme.authorize("&organization_id=\(acme.organizationID)&state=st")
            let failed = try await acme.answerPage(page, [("action", "fail"), ("email", "bob@acme.com")])
            #expect(failed.redirectQuery["error"] == "access_denied" && failed.redirectQuery["state"] == "st")
            #expect(failed.redirectQuery["error_description"] != nil && failed.redirectQuery["code"] == nil)
            #expect(try await acme.api.lastEvent("authentication.sso_failed")?["email"] == "bob@acme.com")
            #expect(try await acme.api.events("user.created").isEmpty)
            let atOnce = try await acme.authorize("&connection_id=\(acme.connectionID)&state=s2&test_idp=fail")
            #expect(atOnce.redirectQuery["error"] == "access_denied" && atOnce.redirectQuery["state"] == "s2")
        }
    }

    @Test func otherWaysInAnswerSSORequired() async throws {
        try await TestEmulator.run { api in
            let acme = try await Acme.make(try await api.newEnvironment())
            let dan = try await acme.api.user("dan@acme.com")
            try await acme.api.member(dan["id"], of: acme.organizationID)
            let password = try await acme.api.password("dan@acme.com")
            #expect(password.status == .forbidden && password.json["error"] == "sso_required")
            #expect(password.json["email"] == "dan@acme.com")
            #expect(password.json["connection_ids"] == .strings([acme.connectionID]))
            let token = try #require(password.json["pending_authentication_token"]?.stringValue)
            // The pending token leads nowhere but SSO, even into an organization Dan is a member of.
            let selection = try await acme.api.authenticate("urn:workos:oauth:grant-type:organization-selection",
                                                            ["pending_authentication_token": .string(token),
                                                             "organization_id": .string(acme.organizationID)])
            #expect(selection.json["error"] == "sso_required", "\(selection.text)")

            _ = try await acme.api.post("/user_management/magic_auth", ["email": "dan@acme.com"])
            let code = try #require(try await acme.api.nextMessage(to: "dan@acme.com")["code"]?.stringValue)
            let magic = try await acme.api.authenticate("urn:workos:oauth:grant-type:magic-auth:code",
                                                        ["email": "dan@acme.com", "code": .string(code)])
            #expect(magic.status == .forbidden && magic.json["error"] == "sso_required")

            // Addresses of other domains are not held to it.
            try await acme.api.user("eve@other.com")
            #expect(try await acme.api.password("eve@other.com").status == .ok)
        }
    }

    @Test func ssoSignInsReturnToRegisteredRedirectURIs() async throws {
        try await TestEmulator.run { api in
            let acme = try await Acme.make(try await api.newEnvironment())
            let url = "/sso/authorize?client_id=\(try acme.api.clientID)&response_type=code&connection=\(acme.connectionID)"
                + "&test_idp=sign_in&redirect_uri=" + ("https://app.example.com/callback".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            let refused = try await acme.browser.get(url)
            #expect(refused.status == .badRequest && refused.location == nil)
            _ = try await acme.api.post("/user_management/redirect_uris", ["uri": "https://app.example.com/callback"])
            let allowed = try await acme.browser.get(url)
            #expect(allowed.status == .found && allowed.location?.hasPrefix("https://app.example.com/callback?code=") == true)
            // Exactly that URI: another path is still refused.
            let other = try await acme.browser.get(url.replacingOccurrences(of: "callback", with: "elsewhere"))
            #expect(other.status == .badRequest)
        }
    }
}
