import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/agents/instances` and `/agents/sessions`: listed with their filters, read, and removed with the
/// instance, the blueprint or the organization.
@Suite struct InstanceAndSessionTests {
    @Test func instancesAndSessionsListByTheirFilters() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            let globex = try await api.organization("Globex")
            let first = try await api.blueprint("First").id
            let second = try await api.blueprint("Second").id
            let a = try await api.mint(first, ["type": "autonomous", "organization_id": .string(acme)])
            let b = try await api.mint(first, ["type": "autonomous", "organization_id": .string(globex)])
            let c = try await api.mint(second, ["type": "autonomous", "organization_id": .string(acme)])
            let instance = { (token: JSON) in token["agent_instance_id"]!.stringValue! }
            let session = { (token: JSON) in token["agent_instance_session_id"]!.stringValue! }

            #expect(try await api.get("/agents/instances").json.ids == [instance(c), instance(b), instance(a)])
            #expect(try await api.get("/agents/instances?organization_id=\(acme)").json.ids == [instance(c), instance(a)])
            #expect(try await api.get("/agents/instances?agent_blueprint_id=\(first)&organization_id=\(globex)").json.ids == [instance(b)])
            #expect(try await api.get("/agents/sessions?agent_blueprint_id=\(first)").json.ids == [session(b), session(a)])
            #expect(try await api.get("/agents/sessions?agent_instance_id=\(instance(c))").json.ids == [session(c)])
            #expect(try await api.get("/agents/sessions?organization_id=\(globex)&limit=1").json.ids == [session(b)])

            let read = try await api.get("/agents/instances/\(instance(a))")
            #expect(read.json["object"] == "agent_instance" && read.json["type"] == "autonomous")
            #expect(read.json["agent_blueprint_id"] == .string(first) && read.json["organization_id"] == .string(acme))
            #expect(read.json["organization_membership_id"] == .null)
            let sessionRead = try await api.get("/agents/sessions/\(session(a))")
            #expect(sessionRead.json["object"] == "agent_instance_session" && sessionRead.json["status"] == "active")
            #expect(sessionRead.json["agent_instance_id"] == .string(instance(a)) && sessionRead.json["revoked_at"] == .null)
            #expect(try await api.get("/agents/sessions/agent_instance_session_missing").status == .notFound)
            #expect(try await api.get("/agents/instances/agent_instance_missing").status == .notFound)
        }
    }

    @Test func deletingAnInstanceEndsItsSessionsAndTokens() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let blueprint = try await api.blueprint().id
            let token = try await api.mint(blueprint, ["type": "autonomous", "organization_id": .string(org)])
            let instance = token["agent_instance_id"]!.stringValue!
            #expect(try await api.delete("/agents/instances/\(instance)").status == .noContent)
            #expect(try await api.get("/agents/instances/\(instance)").status == .notFound)
            #expect(try await api.get("/agents/sessions").json.ids.isEmpty)
            #expect(try await api.validate(blueprint, token["access_token"]!).json["code"] == "invalid_agent_access_token")
            #expect(try await api.delete("/agents/instances/\(instance)").status == .notFound)
            // The next mint makes a new instance.
            #expect(try await api.mint(blueprint, ["type": "autonomous", "organization_id": .string(org)])["new_instance"] == true)
        }
    }

    @Test func blueprintAndOrganizationDeletionsTakeTheirInstances() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization("Acme")
            let kept = try await api.organization("Kept")
            let blueprint = try await api.blueprint().id
            let other = try await api.blueprint("Other").id
            _ = try await api.mint(blueprint, ["type": "autonomous", "organization_id": .string(org)])
            let survivor = try await api.mint(other, ["type": "autonomous", "organization_id": .string(kept)])
            _ = try await api.mint(other, ["type": "autonomous", "organization_id": .string(org)])
            #expect(try await api.delete("/agents/blueprints/\(blueprint)").status == .noContent)
            #expect(try await api.get("/agents/instances?agent_blueprint_id=\(blueprint)").json.ids.isEmpty)
            #expect(try await api.delete("/organizations/\(org)").status == .accepted)
            #expect(try await api.get("/agents/instances").json.ids == [survivor["agent_instance_id"]!.stringValue!])
            #expect(try await api.get("/agents/sessions").json.ids == [survivor["agent_instance_session_id"]!.stringValue!])
        }
    }
}
