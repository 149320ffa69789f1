import EmulatorCore
import EmulatorTesting
import GRDB
import HTTPTypes
import Testing

/// A browser's view of a portal link: the pages, with the session cookie the first opening sets.
struct PortalBrowser {
    let api: APIClient
    var cookie: String?

    init(_ api: APIClient) { self.api = api.with(apiKey: nil) }

    mutating func open(_ link: String) async throws -> APIResponse {
        let response = try await api.request(.get, pathOf(link), headers: headers)
        if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first { cookie = String(pair) }
        return response
    }

    func post(_ path: String, token: String, _ fields: JSON) async throws -> APIResponse {
        try await api.request(.post, "\(path)?token=\(token)", json: fields, headers: headers)
    }

    private var headers: HTTPFields { cookie.map { [.cookie: $0] } ?? [:] }
}

func pathOf(_ url: String) -> String {
    guard let scheme = url.range(of: "://"), let slash = url[scheme.upperBound...].firstIndex(of: "/") else { return url }
    return String(url[slash...])
}

func token(of link: String) -> String { String(link[link.range(of: "token=")!.upperBound...]) }

extension APIClient {
    func organization() async throws -> String {
        try #require(try await post("/organizations", ["name": "Acme"]).json["id"]?.stringValue)
    }

    func portalLink(_ organizationID: String, intent: String, extra: JSON = [:]) async throws -> String {
        var body: JSON = ["organization": .string(organizationID), "intent": .string(intent)]
        for (key, value) in extra.objectValue?.pairs ?? [] { body.set(key, value) }
        let response = try await post("/portal/generate_link", body)
        #expect(response.status == .created)
        return try #require(response.json["link"]?.stringValue)
    }

    func eventTypes(_ prefix: String) async throws -> [String] {
        try await emulator.registry.defaultEnvironment.read { db in
            try Event.filter(Column("event").like("\(prefix)%")).order(Column("id")).fetchAll(db).map(\.event)
        }
    }
}

@Suite struct PortalLinkTests {
    @Test func generateLinkChecksItsInput() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            for intent in ["sso", "dsync", "audit_logs", "log_streams", "domain_verification", "certificate_renewal"] {
                let link = try await api.portalLink(org, intent: intent)
                #expect(link.contains("/portal/launch?token="))
            }
            #expect(try await api.post("/portal/generate_link", ["organization": .string(org), "intent": "bring_your_own_key"]).status
                == .unprocessableContent)
            #expect(try await api.post("/portal/generate_link", ["intent": "sso"]).status == .unprocessableContent)
            #expect(try await api.post("/portal/generate_link", ["organization": "org_missing", "intent": "sso"]).status == .notFound)
            #expect(try await api.post("/portal/generate_link", ["organization": .string(org), "return_url": "javascript:x"]).status
                == .unprocessableContent)
        }
    }

    @Test func aLinkOpensOneSessionOnly() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let link = try await api.portalLink(org, intent: "domain_verification",
                                                extra: ["return_url": "https://app.example/settings", "success_url": "https://app.example/done"])
            var browser = PortalBrowser(api)
            let first = try await browser.open(link)
            #expect(first.status == .ok)
            #expect(first.text.contains("Verify a domain"))
            #expect(first.text.contains("https://app.example/done"))
            #expect(browser.cookie != nil)
            #expect(try await browser.open(link).status == .ok)

            var other = PortalBrowser(api)
            let second = try await other.open(link)
            #expect(second.status == .forbidden)
            #expect(second.text.contains("Link already used"))
        }
    }

    @Test func aLinkExpiresAfterFiveMinutesOnTheClock() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let link = try await api.portalLink(org, intent: "sso")
            #expect(try await api.post("/_emulator/clock", ["advance_seconds": 301]).status == .ok)
            var browser = PortalBrowser(api)
            let expired = try await browser.open(link)
            #expect(expired.status == .gone)
            #expect(expired.text.contains("Link expired"))
            var stranger = PortalBrowser(api)
            #expect(try await stranger.open("/portal/launch?token=nothing").status == .notFound)
        }
    }

    @Test func revokingEndsLinksAndTheirSessions() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let link = try await api.portalLink(org, intent: "sso", extra: ["external_user_id": "admin_1"])
            let kept = try await api.portalLink(org, intent: "sso", extra: ["external_user_id": "admin_2"])
            var browser = PortalBrowser(api)
            #expect(try await browser.open(link).status == .ok)
            #expect(try await api.post("/portal/revoke_link", ["organization": .string(org), "external_user_id": "admin_1"]).status
                == .noContent)
            let revoked = try await browser.open(link)
            #expect(revoked.status == .gone)
            #expect(revoked.text.contains("Link revoked"))
            var other = PortalBrowser(api)
            #expect(try await other.open(kept).status == .ok)
            #expect(try await api.post("/portal/revoke_link", ["organization": .string(org)]).status == .unprocessableContent)
        }
    }
}
