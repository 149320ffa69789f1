import EmulatorCore
import Foundation
import EmulatorTesting
import Testing

@Suite struct PortalIntentTests {
    @Test func ssoCreatesAnActiveTestIdPConnection() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let link = try await api.portalLink(org, intent: "sso")
            var browser = PortalBrowser(api)
            #expect(try await browser.open(link).text.contains("No connection yet."))
            let created = try await browser.post("/portal/sso", token: token(of: link), ["connection_type": "TestIdp"])
            #expect(created.status == .ok)
            #expect(created.text.contains("active"))
            #expect(try await api.eventTypes("connection.") == ["connection.activated"])
            let listed = try await api.get("/connections?organization_id=\(org)").json["data"]?.arrayValue ?? []
            #expect(listed.map { $0["state"] } == ["active"])

            let draft = try await browser.post("/portal/sso", token: token(of: link), ["connection_type": "OktaSAML"])
            #expect(draft.text.contains("draft"))
            let refused = try await browser.post("/portal/sso", token: token(of: link), ["connection_type": "GoogleOAuth"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("role=\"alert\""))
        }
    }

    @Test func dsyncShowsAWorkingSCIMEndpointAndToken() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let link = try await api.portalLink(org, intent: "dsync")
            var browser = PortalBrowser(api)
            _ = try await browser.open(link)
            let page = try await browser.post("/portal/dsync", token: token(of: link), ["type": "okta scim v2.0"]).text
            #expect(try await api.eventTypes("dsync.") == ["dsync.activated"])
            func field(_ name: String) -> String? {
                guard let start = page.range(of: "data-field=\"\(name)\">"), let end = page[start.upperBound...].range(of: "</code>")
                else { return nil }
                return String(page[start.upperBound..<end.lowerBound])
            }
            let endpoint = try #require(field("scim_endpoint"))
            let bearer = try #require(field("bearer_token"))
            let users = try await api.with(apiKey: nil).request(.get, pathOf(endpoint) + "/Users",
                                                                 headers: [.authorization: "Bearer \(bearer)"])
            #expect(users.status == .ok)
        }
    }

    @Test func domainVerificationAddsAndVerifies() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let link = try await api.portalLink(org, intent: "domain_verification")
            var browser = PortalBrowser(api)
            _ = try await browser.open(link)
            let verified = try await browser.post("/portal/domains", token: token(of: link), ["domain": "Acme.com"])
            #expect(verified.text.contains("acme.com is verified."))
            #expect(try await api.eventTypes("organization_domain.") == ["organization_domain.created", "organization_domain.verified"])
            let again = try await browser.post("/portal/domains", token: token(of: link), ["domain": "acme.com"])
            #expect(again.status == .unprocessableContent)
            // A form of another intent is refused.
            #expect(try await browser.post("/portal/sso", token: token(of: link), ["connection_type": "TestIdp"]).status == .forbidden)
        }
    }

    @Test func auditLogsBrowseAndExport() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            _ = try await api.post("/audit_logs/events", ["organization_id": .string(org), "event": [
                "action": "user.signed_in", "occurred_at": "2026-01-15T12:00:00Z", "actor": ["id": "u1", "type": "user", "name": "Jon"],
                "targets": [], "context": ["location": "203.0.113.5"],
            ]])
            let link = try await api.portalLink(org, intent: "audit_logs")
            var browser = PortalBrowser(api)
            #expect(try await browser.open(link).text.contains("user.signed_in"))
            let exported = try await browser.post("/portal/audit_logs/export", token: token(of: link), [
                "range_start": "2026-01-01T00:00:00Z", "range_end": "2026-02-01T00:00:00Z",
            ]).text
            let anchor = try #require(exported.range(of: "id=\"export_download\""))
            let before = exported[..<anchor.lowerBound]
            let href = try #require(before.range(of: "href=\"", options: .backwards))
            let url = String(before[href.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            let csv = try await api.with(apiKey: nil).get(pathOf(url)).text
            #expect(csv.contains("user.signed_in,u1,user,Jon"))
        }
    }

    @Test func formsNeedTheSession() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let link = try await api.portalLink(org, intent: "sso")
            // Never opened: a post cannot start the session.
            let stranger = PortalBrowser(api)
            #expect(try await stranger.post("/portal/sso", token: token(of: link), ["connection_type": "TestIdp"]).status == .forbidden)
            #expect(try await api.eventTypes("connection.") == [])
        }
    }
}

@Suite struct PortalCertificateRenewalTests {
    /// The fixture IdP certificate (fixtures/saml/idp-signing.crt).
    private static var certificate: String {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../fixtures/saml/idp-signing.crt").standardized
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    @Test func anUploadedCertificateActivatesADraft() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let draft = try await api.post("/connections", [
                "organization_id": .string(org), "connection_type": "OktaSAML",
                "saml_options": ["idp_sso_url": "https://idp.example/sso"],
            ]).json
            #expect(draft["state"] == "draft")
            let connectionID = try #require(draft["id"]?.stringValue)
            let link = try await api.portalLink(org, intent: "certificate_renewal")
            var browser = PortalBrowser(api)
            #expect(try await browser.open(link).text.contains("expire none yet"))
            let uploaded = try await browser.post("/portal/certificates", token: token(of: link), [
                "connection_id": .string(connectionID), "certificate": .string(try Self.certificate),
            ])
            #expect(uploaded.status == .ok)
            #expect(uploaded.text.contains("Certificate uploaded."))
            #expect(try await api.get("/connections/\(connectionID)").json["state"] == "active")
            #expect(try await api.eventTypes("connection.") == ["connection.activated"])

            let garbage = try await browser.post("/portal/certificates", token: token(of: link), [
                "connection_id": .string(connectionID), "certificate": "not a certificate",
            ])
            #expect(garbage.status == .unprocessableContent)
            // Another organization's connection is out of this link's reach.
            let otherOrg = try await api.organization()
            let other = try #require(try await api.post("/connections", [
                "organization_id": .string(otherOrg), "connection_type": "OktaSAML",
                "saml_options": ["idp_sso_url": "https://idp.example/sso"],
            ]).json["id"]?.stringValue)
            let refused = try await browser.post("/portal/certificates", token: token(of: link), [
                "connection_id": .string(other), "certificate": .string(try Self.certificate),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(try await api.get("/connections/\(other)").json["state"] == "draft")
        }
    }
}
