import EmulatorCore
import EmulatorTesting
import GRDB
import Testing

/// The one write path: a change and its events commit together, or neither does.
@Suite struct EventLogTests {
    private func events(_ api: APIClient) async throws -> [Event] {
        try await api.emulator.registry.defaultEnvironment.read { db in
            try Event.order(Column("id")).fetchAll(db)
        }
    }

    @Test func aChangeCommitsWithItsEventsInOrder() async throws {
        try await TestEmulator.run { api in
            let created = try await api.post("/organizations", [
                "name": "Acme", "domain_data": [["domain": "acme.com", "state": "verified"]],
            ])
            let log = try await events(api)
            #expect(log.map(\.event) == ["organization.created", "organization_domain.created"])
            #expect(log[0].data == created.json)
            #expect(log[0].id.hasPrefix("event_"))
            #expect(log[0].wire["object"] == "event")
        }
    }

    @Test func aFailedChangeLeavesNoRowAndNoEvent() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/organizations", ["name": "First", "domain_data": [["domain": "taken.com", "state": "verified"]]])
            let before = try await events(api).count
            let conflict = try await api.post("/organizations", [
                "name": "Second", "domain_data": [["domain": "taken.com", "state": "pending"]],
            ])
            #expect(conflict.status == .conflict)
            #expect(try await events(api).count == before)
            #expect(try await api.get("/organizations").json["data"]?.arrayValue?.count == 1)
        }
    }
}
