import Crypto
import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

@Suite struct CodeGrantTests {
    @Test func aCodeWorksOnceForItsClient() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let code = try await api.code(for: "ann@example.com")
            let first = try await api.authenticate("authorization_code", ["code": .string(code)])
            #expect(first.status == .ok && first.json["user"]?["id"] == user["id"])
            let again = try await api.authenticate("authorization_code", ["code": .string(code)])
            #expect(again.status == .badRequest && again.json["error"] == "invalid_grant")
            #expect(again.json["error_description"]?.stringValue != nil)

            let other = try await api.newEnvironment()
            let foreign = try await other.authenticate("authorization_code", ["code": .string(try await api.code(for: "ann@example.com"))])
            #expect(foreign.json["error"] == "invalid_grant")
        }
    }

    @Test func aCodeExpiresAfterTenMinutesOnTheClock() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let code = try await api.code(for: "ann@example.com")
            try await api.advanceClock(601)
            #expect(try await api.authenticate("authorization_code", ["code": .string(code)]).json["error"] == "invalid_grant")
            let fresh = try await api.code(for: "ann@example.com")
            try await api.advanceClock(590)
            #expect(try await api.authenticate("authorization_code", ["code": .string(fresh)]).status == .ok)
        }
    }

    @Test func pkceReplacesTheSecret() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let verifier = String(repeating: "v", count: 43)
            let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            let pkce = "&provider=authkit&code_challenge=\(challenge)&code_challenge_method=S256"
            let code = try await api.code(for: "ann@example.com", pkce)
            let wrong = try await api.authenticate("authorization_code", ["code": .string(code), "code_verifier": "nope"], secret: false)
            #expect(wrong.json["error"] == "invalid_grant")
            let right = try await api.authenticate("authorization_code",
                                                                      ["code": .string(code), "code_verifier": .string(verifier)], secret: false)
            #expect(right.status == .ok)
            // Without PKCE a public client cannot redeem a code, and the code survives the refusal.
            let plain = try await api.code(for: "ann@example.com")
            let refused = try await api.authenticate("authorization_code", ["code": .string(plain)], secret: false)
            #expect(refused.json["error"] == "invalid_client")
            #expect(try await api.authenticate("authorization_code", ["code": .string(plain)]).status == .ok)
        }
    }
}

@Suite struct AuthorizeTests {
    @Test func automaticSignInRedirectsWithCodeAndState() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let response = try await api.with(apiKey: nil).get(
                try api.authorizeURL("&provider=authkit&state=abc&login_hint=ann@example.com&emulator_sign_in=automatic"))
            #expect(response.status == .found && response.redirectQuery["state"] == "abc")
            #expect(response.location?.hasPrefix("http://localhost:3000/cb?code=") == true)
            // The setting does the same without the query parameter (for apps that build the URL).
            try await api.settings(["automatic_sign_in": true, "sign_in_as": "ann@example.com"])
            let bySetting = try await api.with(apiKey: nil).get(try api.authorizeURL("&provider=authkit"))
            #expect(bySetting.redirectQuery["code"] != nil)
        }
    }

    @Test func badClientOrRedirectURIGetsAPageNeverARedirect() async throws {
        try await TestEmulator.run { api in
            let browser = api.with(apiKey: nil)
            let unknownClient = try await browser.get("/user_management/authorize?client_id=client_nope&redirect_uri=http://localhost/cb&response_type=code&provider=authkit")
            #expect(unknownClient.status == .badRequest && unknownClient.location == nil && unknownClient.text.contains("<html"))
            let unregistered = try await browser.get(try api.authorizeURL("&provider=authkit", redirect: "https://app.example.com/cb"))
            #expect(unregistered.status == .badRequest && unregistered.location == nil)
            let registered = try await api.post("/user_management/redirect_uris", ["uri": "https://app.example.com/cb"])
            #expect(registered.status == .created && registered.json["default"] == true)
            let allowed = try await browser.get(try api.authorizeURL("&provider=authkit", redirect: "https://app.example.com/cb"))
            #expect(allowed.status == .found && allowed.location?.hasPrefix("/authkit/sign-in?request=") == true)
        }
    }

    @Test func otherProblemsGoBackToTheRedirectURI() async throws {
        try await TestEmulator.run { api in
            let browser = api.with(apiKey: nil)
            let cases: [(String, String)] = [
                ("&provider=authkit&response_type=token&state=s", "unsupported_response_type"),
                ("&state=s", "invalid_request"),
                ("&provider=FacebookOAuth&state=s", "invalid_request"),
                ("&provider=authkit&code_challenge=abc&code_challenge_method=plain&state=s", "invalid_request"),
                ("&connection_id=conn_123&state=s", "connection_invalid"),
                ("&organization_id=org_missing&state=s", "organization_invalid"),
                ("&provider=authkit&login_hint=nobody@example.com&emulator_sign_in=automatic&state=s", "access_denied"),
            ]
            for (query, error) in cases {
                // The last `response_type` wins, so the first case overrides the helper's `code`.
                let response = try await browser.get(try api.authorizeURL(query))
                #expect(response.status == .found, "\(query)")
                #expect(response.redirectQuery["error"] == error, "\(query): \(response.location ?? "")")
                #expect(response.redirectQuery["state"] == "s" && response.redirectQuery["error_description"] != nil)
            }
        }
    }

    @Test func aSocialProviderSignsUpAndLinks() async throws {
        try await TestEmulator.run { api in
            let code = try await api.code(for: "new@example.com", "&provider=GitHubOAuth")
            let body = try await api.authenticate("authorization_code", ["code": .string(code)]).json
            #expect(body["authentication_method"] == "GitHubOAuth" && body["user"]?["email_verified"] == true)
            let userID = try #require(body["user"]?["id"]?.stringValue)
            let identities = try await api.get("/user_management/users/\(userID)/identities").json
            #expect(identities.arrayValue?.first?["provider"] == "GitHubOAuth")
            #expect(try await api.events("authentication.") == ["authentication.oauth_succeeded"])
        }
    }

    @Test func anOrganizationOnTheURLScopesTheSessionAndAddsTheUser() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let acme = try await api.organization("Acme")
            let code = try await api.code(for: "ann@example.com", "&provider=authkit&organization_id=\(acme)")
            let body = try await api.authenticate("authorization_code", ["code": .string(code)]).json
            #expect(body["organization_id"] == .string(acme))
            let claims = try await api.verifiedClaims(body["access_token"]?.stringValue)
            #expect(claims["org_id"] == .string(acme) && claims["role"] == "member" && claims["permissions"] == [])
            let memberships = try await api.get("/user_management/organization_memberships?user_id=\(try #require(user["id"]?.stringValue))").json
            #expect(memberships["data"]?.arrayValue?.count == 1)
        }
    }
}
