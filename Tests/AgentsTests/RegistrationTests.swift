import EmulatorCore
import EmulatorTesting
import Foundation
import GRDB
import Testing

/// `/agents/registrations/{id}`: registrations made through the control API, read, and revoked once
/// (`agent.registration.revoked`).
@Suite struct RegistrationTests {
    @Test func aRegistrationReadsBackAndRevokesOnce() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let registration = try await api.created("/_emulator/agents/registrations", [
                "organization_id": .string(org), "kind": "anonymous", "userland_user_id": "user_ext_1",
            ])
            let id = try registration.id
            #expect(id.hasPrefix("agent_reg_") && registration["status"] == "verified" && registration["kind"] == "anonymous")
            #expect(registration["agent_identity"]?["id"]?.stringValue?.hasPrefix("agent_identity_") == true)
            #expect(registration["agent_identity"]?["userland_user_id"] == "user_ext_1")
            #expect(registration["claim"] == .null && registration["revoked_at"] == .null)
            #expect(try await api.get("/agents/registrations/\(id)").json == registration)

            let revoked = try await api.post("/agents/registrations/\(id)/revoke")
            #expect(revoked.status == .ok && revoked.json["status"] == "revoked" && revoked.json["revoked_at"] != .null)
            let again = try await api.post("/agents/registrations/\(id)/revoke")
            #expect(again.json == revoked.json)
            let events = try await api.environment.read { db in
                try Event.filter(Column("event") == "agent.registration.revoked").fetchAll(db)
            }
            #expect(events.count == 1 && events.first?.data["agent_registration_id"] == .string(id))
        }
    }

    @Test func unknownRegistrationsAndBadControlBodiesAreRefused() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.get("/agents/registrations/agent_reg_missing").status == .notFound)
            #expect(try await api.post("/agents/registrations/agent_reg_missing/revoke").status == .notFound)
            let org = try await api.organization()
            let badKind = try await api.post("/_emulator/agents/registrations", ["organization_id": .string(org), "kind": "robot"])
            #expect(badKind.status == .unprocessableContent)
            let unknownOrg = try await api.post("/_emulator/agents/registrations", ["organization_id": "org_missing"])
            #expect(unknownOrg.status == .notFound)
            let extra = try await api.post("/_emulator/agents/registrations", ["organization_id": .string(org), "colour": "red"])
            #expect(extra.status == .unprocessableContent)
            // Registrations leave with their organization.
            let id = try await api.created("/_emulator/agents/registrations", ["organization_id": .string(org)]).id
            #expect(try await api.delete("/organizations/\(org)").status == .accepted)
            #expect(try await api.get("/agents/registrations/\(id)").status == .notFound)
        }
    }
}
