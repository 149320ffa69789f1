import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// The hosted pages as a browser without JavaScript uses them: GET the page, POST its form.
@Suite struct HostedPagesTests {
    /// Starts an interactive sign-in; answers the request ID of the page it redirects to.
    private func start(_ api: APIClient, _ extra: String = "&provider=authkit&state=st") async throws -> (path: String, request: String) {
        let response = try await api.with(apiKey: nil).get(try api.authorizeURL(extra))
        let location = try #require(response.location)
        let request = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "request" }?.value)
        return (location, request)
    }

    private func exchange(_ api: APIClient, _ response: APIResponse) async throws -> JSON {
        try #require(response.status == .found, "\(response.status): \(response.text)")
        #expect(response.redirectQuery["state"] == "st")
        let code = try #require(response.redirectQuery["code"])
        return try await api.authenticate("authorization_code", ["code": .string(code)]).json
    }

    @Test func signInWithPassword() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let (path, request) = try await start(api, "&provider=authkit&state=st&login_hint=ann@example.com")
            #expect(path.hasPrefix("/authkit/sign-in?request=client_"))
            let page = try await api.with(apiKey: nil).get(path)
            #expect(page.status == .ok && page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("<label for=\"field-email\">Email</label>") && page.text.contains("value=\"ann@example.com\""))
            let wrong = try await api.form("/authkit/sign-in", ["request": request, "email": "ann@example.com", "password": "nope-nope-1"])
            #expect(wrong.status == .ok && wrong.text.contains("role=\"alert\""))
            let right = try await api.form("/authkit/sign-in", ["request": request, "email": "ann@example.com", "password": "correct-horse-9"])
            let tokens = try await exchange(api, right)
            #expect(tokens["user"]?["id"] == user["id"] && tokens["authentication_method"] == "Password")
            // The request is spent.
            let replay = try await api.form("/authkit/sign-in", ["request": request, "email": "ann@example.com", "password": "correct-horse-9"])
            #expect(replay.status == .badRequest && replay.text.contains("expired"))
        }
    }

    @Test func signUpChecksThePasswordPolicy() async throws {
        try await TestEmulator.run { api in
            let (path, request) = try await start(api, "&provider=authkit&state=st&screen_hint=sign-up")
            #expect(path.hasPrefix("/authkit/sign-up?request="))
            let weak = try await api.form("/authkit/sign-up", ["request": request, "email": "new@example.com", "password": "short"])
            #expect(weak.status == .ok && weak.text.contains("at least 8 characters"))
            let created = try await api.form("/authkit/sign-up", ["request": request, "email": "new@example.com",
                                                                  "password": "correct-horse-9", "first_name": "Nia"])
            let tokens = try await exchange(api, created)
            #expect(tokens["user"]?["email"] == "new@example.com" && tokens["user"]?["first_name"] == "Nia")
            #expect(try await api.events("user.") == ["user.created"])
        }
    }

    @Test func magicCodeFromTheOutbox() async throws {
        try await TestEmulator.run { api in
            let (_, request) = try await start(api)
            let sent = try await api.form("/authkit/magic-code/send", ["request": request, "email": "ann@example.com"])
            #expect(sent.status == .ok && sent.text.contains("Check your email"))
            let code = try #require(try await api.nextMessage(to: "ann@example.com")["code"]?.stringValue)
            let tokens = try await exchange(api, try await api.form("/authkit/magic-code", ["request": request, "email": "ann@example.com", "code": code]))
            #expect(tokens["authentication_method"] == "MagicAuth")
        }
    }

    @Test func socialConsentCreatesTheUser() async throws {
        try await TestEmulator.run { api in
            let (path, request) = try await start(api, "&provider=MicrosoftOAuth&state=st")
            #expect(path.contains("/authkit/provider?request=") && path.contains("provider=MicrosoftOAuth"))
            #expect(try await api.with(apiKey: nil).get(path).text.contains("Continue with Microsoft"))
            let tokens = try await exchange(api, try await api.form("/authkit/provider", [
                "request": request, "provider": "MicrosoftOAuth", "email": "max@example.com"]))
            #expect(tokens["authentication_method"] == "MicrosoftOAuth" && tokens["user"]?["email_verified"] == true)
        }
    }

    @Test func stepUpPagesVerificationMFAAndOrganization() async throws {
        try await TestEmulator.run { api in
            try await api.settings(["email_verification_required": true])
            let user = try await api.user("ann@example.com", verified: false)
            let userID = try #require(user["id"]?.stringValue)
            let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            _ = try await api.post("/user_management/users/\(userID)/auth_factors", ["type": "totp", "totp_secret": .string(secret)])
            try await api.member(user["id"], of: try await api.organization("Acme"))
            let globex = try await api.organization("Globex")
            try await api.member(user["id"], of: globex)

            let (_, request) = try await start(api)
            let verify = try await api.form("/authkit/sign-in", ["request": request, "email": "ann@example.com", "password": "correct-horse-9"])
            #expect(verify.text.contains("Verify your email"))
            let code = try #require(try await api.nextMessage(to: "ann@example.com")["code"]?.stringValue)
            let mfa = try await api.form("/authkit/verify-email", ["request": request, "code": code])
            #expect(mfa.text.contains("Two-factor authentication"))
            let wrongMFA = try await api.form("/authkit/mfa", ["request": request, "code": "000000"])
            #expect(wrongMFA.text.contains("role=\"alert\""))
            let organizations = try await api.form("/authkit/mfa", ["request": request, "code": TestTOTP.code(secret: secret, at: try api.now)])
            #expect(organizations.text.contains("Choose an organization") && organizations.text.contains("Globex"))
            let tokens = try await exchange(api, try await api.form("/authkit/organization", ["request": request, "organization_id": globex]))
            #expect(tokens["organization_id"] == .string(globex) && tokens["user"]?["email_verified"] == true)
        }
    }

    @Test func mfaEnrollmentPage() async throws {
        try await TestEmulator.run { api in
            try await api.settings(["mfa_required": true])
            try await api.user("ann@example.com")
            let (_, request) = try await start(api)
            let page = try await api.form("/authkit/sign-in", ["request": request, "email": "ann@example.com", "password": "correct-horse-9"])
            #expect(page.text.contains("Set up two-factor authentication") && page.text.contains("data:image/svg+xml;base64,"))
            let secret = try #require(page.text.firstMatch(of: /name="secret" value="([A-Z2-7]+)"/)?.1)
            let tokens = try await exchange(api, try await api.form("/authkit/mfa/enroll", [
                "request": request, "secret": String(secret), "code": TestTOTP.code(secret: String(secret), at: try api.now)]))
            let userID = try #require(tokens["user"]?["id"]?.stringValue)
            #expect(try await api.get("/user_management/users/\(userID)/auth_factors").json["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func unknownRequestsSayToStartAgain() async throws {
        try await TestEmulator.run { api in
            let unknown = try await api.with(apiKey: nil).get("/authkit/sign-in?request=client_nope.x")
            #expect(unknown.status == .badRequest)
            let missing = try await api.form("/authkit/sign-in", ["email": "a@example.com"])
            #expect(missing.status == .badRequest)
        }
    }
}
