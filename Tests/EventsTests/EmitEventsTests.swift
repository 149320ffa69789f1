import EmulatorCore
import EmulatorTesting
import Testing

/// `POST /_emulator/events`: any event type, through the normal path.
@Suite struct EmitEventsTests {
    @Test func givenDataIsEmittedAsIs() async throws {
        try await TestEmulator.run { api in
            let emitted = try await api.post("/_emulator/events", [
                "event": "dsync.user.created", "data": ["id": "directory_user_1", "organization_id": "org_1"],
            ])
            #expect(emitted.status == .created)
            #expect(emitted.json["object"] == "event")
            #expect(emitted.json["id"]?.stringValue?.hasPrefix("event_") == true)
            #expect(emitted.json["data"] == ["id": "directory_user_1", "organization_id": "org_1"])
            let listed = try await api.get("/events?events=dsync.user.created&organization_id=org_1").json["data"]
            #expect(listed?.arrayValue?.first == emitted.json)
        }
    }

    @Test func synthesizedDataRefersToRealObjects() async throws {
        try await TestEmulator.run { api in
            let none = try await api.post("/_emulator/events", ["event": "organization.updated"])
            #expect(none.status == .unprocessableContent)
            #expect(none.json["errors"]?.arrayValue?.first?["field"] == "data")

            let org = try await api.post("/organizations", ["name": "Acme", "domains": ["acme.com"]]).json
            let updated = try await api.post("/_emulator/events", ["event": "organization.updated"])
            #expect(updated.json["data"] == org)
            let failed = try await api.post("/_emulator/events", ["event": "organization_domain.verification_failed"]).json
            #expect(failed["data"]?["reason"] == "domain_verification_failed")
            #expect(failed["data"]?["organization_domain"] == org["domains"]?.arrayValue?.first)

            let unknown = try await api.post("/_emulator/events", ["event": "dsync.user.created"])
            #expect(unknown.status == .unprocessableContent)
        }
    }

    @Test func badRequestsAreRejected() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.post("/_emulator/events", [:]).status == .unprocessableContent)
            #expect(try await api.post("/_emulator/events", ["event": "Not An Event"]).status == .unprocessableContent)
            #expect(try await api.post("/_emulator/events", ["event": "user.created", "data": "x"]).status == .unprocessableContent)
            let unknownField = try await api.post("/_emulator/events", ["event": "user.created", "data": [:], "when": "now"])
            #expect(unknownField.status == .unprocessableContent)
            #expect(unknownField.json["errors"]?.arrayValue?.first?["code"] == "unknown_field")
        }
    }
}
