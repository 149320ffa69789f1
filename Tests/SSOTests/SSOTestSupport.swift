import EmulatorCore
import EmulatorTesting
import Foundation
import GRDB
import Testing

/// An environment seeded with `scenario`, and what a browser-side test needs to know about it.
struct SSOWorld {
    let api: APIClient
    let clientID: String
    let created: JSON

    /// A fresh environment with the scenario applied.
    static func make(_ api: APIClient, _ scenario: JSON = SSOWorld.acme) async throws -> SSOWorld {
        let mine = try await api.newEnvironment()
        let applied = try await mine.post("/_emulator/scenarios", scenario)
        guard applied.status == .ok || applied.status == .created else { throw TestFailure("scenario: \(applied.text)") }
        let environment = try #require(api.emulator.registry.environment(apiKey: mine.apiKey ?? ""))
        return SSOWorld(api: mine, clientID: environment.clientID, created: applied.json["created"] ?? .null)
    }

    /// Acme (acme.com verified) with an active TestIdp connection offering Alice and Bob.
    static let acme: JSON = [
        "organizations": ["acme": ["name": "Acme", "domains": ["acme.com"]]],
        "connections": ["acme_sso": [
            "organization": "acme", "name": "Acme SSO",
            "profiles": [
                ["email": "alice@acme.com", "first_name": "Alice", "last_name": "Smith", "groups": ["Engineering"],
                 "role": "admin", "custom_attributes": ["department": "R&D"]],
                ["email": "bob@acme.com", "first_name": "Bob", "last_name": "Jones"],
            ],
        ]],
    ]

    func id(_ section: String, _ name: String) throws -> String {
        try #require(created[section]?[name]?["id"]?.stringValue)
    }

    var connectionID: String { get throws { try id("connections", "acme_sso") } }
    var organizationID: String { get throws { try id("organizations", "acme") } }

    /// `/sso/authorize` with these parameters, plus the client ID and a loopback redirect URI unless given.
    func authorize(_ parameters: [(String, String)]) async throws -> APIResponse {
        var all = parameters
        if !all.contains(where: { $0.0 == "client_id" }) { all.append(("client_id", clientID)) }
        if !all.contains(where: { $0.0 == "redirect_uri" }) { all.append(("redirect_uri", Self.callback)) }
        if !all.contains(where: { $0.0 == "response_type" }) { all.append(("response_type", "code")) }
        return try await api.with(apiKey: nil).get("/sso/authorize?" + FormFields.encode(all))
    }

    static let callback = "http://localhost:3000/callback"

    /// Signs in non-interactively and answers the code.
    func code(_ parameters: [(String, String)] = []) async throws -> String {
        let connection = try connectionID
        let answer = try await authorize([("connection", connection), ("test_idp", "sign_in")] + parameters)
        return try #require(answer.redirectQuery["code"])
    }

    /// `POST /sso/token` with the API key as client secret.
    func exchange(_ code: String, extra: [(String, String)] = []) async throws -> APIResponse {
        try await api.with(apiKey: nil).postForm("/sso/token", [
            ("client_id", clientID), ("client_secret", api.apiKey ?? ""), ("grant_type", "authorization_code"), ("code", code),
        ] + extra)
    }

    func events(_ type: String? = nil) async throws -> [Event] {
        let environment = try #require(api.emulator.registry.environment(apiKey: api.apiKey ?? ""))
        return try await environment.read { db in
            try Event.order(Column("id")).fetchAll(db).filter { type == nil || $0.event == type }
        }
    }

    /// Stops the clock, so a test can step right up to an expiry however slowly it runs.
    func freezeClock() async throws {
        #expect(try await api.post("/_emulator/clock", ["frozen": true]).status == .ok)
    }

    func advanceClock(seconds: Int) async throws {
        let moved = try await api.post("/_emulator/clock", ["advance_seconds": .int(seconds)])
        #expect(moved.status == .ok)
    }
}

extension APIResponse {
    var location: String? { headers[.location] }

    /// The query of the `Location` this response redirects to.
    var redirectQuery: FormFields {
        guard let location, let mark = location.firstIndex(of: "?") else { return FormFields("") }
        return FormFields(String(location[location.index(after: mark)...]))
    }
}
