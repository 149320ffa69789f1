import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// The pages behind mailed links: an invitation's and a password reset's.
@Suite struct LinkPagesTests {
    private func path(_ url: String?) throws -> String {
        let components = try #require(url.flatMap { URLComponents(string: $0) })
        return components.path + (components.query.map { "?\($0)" } ?? "")
    }

    @Test func anInvitationLinkSignsUpJoinsAndReturnsToTheApplication() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            _ = try await api.post("/user_management/redirect_uris", ["uri": "https://app.example.com/callback"])
            let invitation = try await api.post("/user_management/invitations", ["email": "new@example.com", "organization_id": .string(acme)]).json
            let browser = api.with(apiKey: nil)
            let opened = try await browser.get(try path(invitation["accept_invitation_url"]?.stringValue))
            #expect(opened.status == .found && opened.location?.hasPrefix("/authkit/sign-up?request=") == true)
            let request = try #require(opened.location.flatMap { URLComponents(string: $0)?.queryItems?.first?.value })
            #expect(try await browser.get(try #require(opened.location)).text.contains("value=\"new@example.com\""))
            let done = try await api.form("/authkit/sign-up", ["request": request, "email": "new@example.com", "password": "correct-horse-9"])
            #expect(done.status == .found && done.location?.hasPrefix("https://app.example.com/callback?code=") == true)
            let tokens = try await api.authenticate("authorization_code", ["code": .string(try #require(done.redirectQuery["code"]))]).json
            #expect(tokens["organization_id"] == .string(acme))
            #expect(try await api.get("/user_management/invitations/\(try #require(invitation["id"]?.stringValue))").json["state"] == "accepted")
            #expect(try await browser.get(try path(invitation["accept_invitation_url"]?.stringValue)).status == .badRequest)
        }
    }

    @Test func withoutARedirectURITheInvitationEndsOnAPage() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let invitation = try await api.post("/user_management/invitations", ["email": "ann@example.com",
                                                                                 "organization_id": .string(try await api.organization("Acme"))]).json
            let opened = try await api.with(apiKey: nil).get(try path(invitation["accept_invitation_url"]?.stringValue))
            #expect(opened.location?.hasPrefix("/authkit/sign-in?request=") == true)
            let request = try #require(opened.location.flatMap { URLComponents(string: $0)?.queryItems?.first?.value })
            let done = try await api.form("/authkit/sign-in", ["request": request, "email": "ann@example.com", "password": "correct-horse-9"])
            #expect(done.status == .ok && done.text.contains("Invitation accepted"))
        }
    }

    @Test func aResetLinkSetsTheNewPasswordOnce() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let reset = try await api.post("/user_management/password_reset", ["email": "ann@example.com"]).json
            let link = try path(reset["password_reset_url"]?.stringValue)
            let browser = api.with(apiKey: nil)
            #expect(try await browser.get(link).text.contains("Choose a new password"))
            let token = try #require(reset["password_reset_token"]?.stringValue)
            let weak = try await api.form("/reset-password", ["token": token, "password": "short"])
            #expect(weak.status == .ok && weak.text.contains("at least 8 characters"))
            let changed = try await api.form("/reset-password", ["token": token, "password": "battery-staple-7"])
            #expect(changed.status == .ok && changed.text.contains("Password changed"))
            #expect(try await api.password("ann@example.com", "battery-staple-7").status == .ok)
            #expect(try await browser.get(link).status == .badRequest)
            #expect(try await api.form("/reset-password", ["token": token, "password": "battery-staple-8"]).status == .badRequest)
        }
    }
}
