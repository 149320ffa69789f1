import EmulatorCore
import EmulatorServer
import EmulatorTesting
import Foundation
import Testing

/// `connections:` in scenario files.
@Suite struct SSOScenarioTests {
    @Test func everyProblemIsReportedWithItsPath() throws {
        let text = """
            organizations:
              acme: { name: Acme, domains: [acme.com] }
            connections:
              no_org: { type: OktaSAML }
              bad_type: { organization: acme, type: FaxSAML }
              bad_ref: { organization: nobody }
              bad_state: { organization: acme, state: sleeping, sign_in: sometimes }
              bad_profiles:
                organization: acme
                colour: red
                profiles:
                  - { email: not-an-email }
                  - { email: a@acme.com, role: admin, roles: [member] }
                  - { email: A@acme.com }
                  - { first_name: Nobody }
            """
        do {
            _ = try ScenarioLoader.standard.validate(text: text)
            Issue.record("the scenario validated")
        } catch let invalid as ScenarioLoader.Invalid {
            let paths = Set(invalid.issues.map(\.path))
            for path in ["connections.no_org.organization", "connections.bad_type.type", "connections.bad_ref.organization",
                         "connections.bad_state.state", "connections.bad_state.sign_in", "connections.bad_profiles.colour",
                         "connections.bad_profiles.profiles[0].email", "connections.bad_profiles.profiles[1]",
                         "connections.bad_profiles.profiles[2]", "connections.bad_profiles.profiles[3].email"] {
                #expect(paths.contains(path), "\(path) in \(invalid.report)")
            }
            #expect(invalid.issues.allSatisfy { $0.line != nil })
        }
    }

    @Test func theDefaultScenarioShipsTheTestOrganizationsTestIdP() async throws {
        try await TestEmulator.run { api in
            let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("scenarios/default.yaml")
            let created = try await api.with(apiKey: nil).post("/_emulator/environments", [
                "scenario": .string(try String(contentsOf: file, encoding: .utf8)),
            ])
            let client = api.with(apiKey: created.json["api_key"]?.stringValue)
            let connections = try await client.get("/connections?domain=example.com").json["data"]?.arrayValue ?? []
            #expect(connections.count == 1)
            #expect(connections.first?["connection_type"] == "TestIdp")
            #expect(connections.first?["state"] == "active")
        }
    }

    @Test func anInactiveOrDraftScenarioConnectionEmitsNoActivation() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [
                "organizations": ["acme": ["name": "Acme"]],
                "connections": ["off": ["organization": "acme", "state": "inactive"],
                                "draft": ["organization": "acme", "type": "GenericSAML", "state": "draft"]],
            ])
            #expect(try await world.events("connection.activated").isEmpty)
            #expect(try await world.api.get("/connections/\(try world.id("connections", "draft"))").json["state"] == "draft")
        }
    }
}
