import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/platform/teams`: a team created, read back, and refused without its fields.
@Suite struct TeamTests {
    @Test func aCreatedTeamReadsBack() async throws {
        try await TestEmulator.run { api in
            let team = try await api.created("/platform/teams", ["name": "Acme", "admin_email": "admin@acme.test"])
            #expect(try team.id.hasPrefix("team_"))
            #expect(team["object"] == "team" && team["name"] == "Acme")
            #expect(team["production_state"] == "Inactive" && team["production_enabled_at"] == .null)
            #expect(team["created_at"] != nil && team["created_at"] == team["updated_at"])
            let read = try await api.get("/platform/teams/\(try team.id)")
            #expect(read.status == .ok && read.json == team)
        }
    }

    @Test func teamsBelongToTheirEnvironment() async throws {
        try await TestEmulator.run { api in
            let team = try await api.created("/platform/teams", ["name": "Acme", "admin_email": "admin@acme.test"])
            let other = try await api.newEnvironment()
            #expect(try await other.get("/platform/teams/\(try team.id)").status == .notFound)
            #expect(try await api.get("/platform/teams/team_missing").status == .notFound)
        }
    }

    @Test func missingOrMalformedFieldsAre422s() async throws {
        try await TestEmulator.run { api in
            for body: JSON in [["admin_email": "admin@acme.test"], ["name": "Acme"], ["name": "Acme", "admin_email": "nobody"]] {
                let response = try await api.post("/platform/teams", body)
                #expect(response.status == .unprocessableContent && response.json["code"] == "invalid_request_parameters", "\(response.text)")
            }
        }
    }
}
