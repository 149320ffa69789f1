import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/agents/blueprints`: created with defaults, read, listed by cursor, updated field by field,
/// deleted, and refused with WorkOS's 422 and 404.
@Suite struct BlueprintTests {
    @Test func aCreatedBlueprintHasEveryKeyAndItsDefaults() async throws {
        try await TestEmulator.run { api in
            let blueprint = try await api.blueprint()
            #expect(try blueprint.id.hasPrefix("agent_blueprint_"))
            #expect(blueprint["object"] == "agent_blueprint" && blueprint["name"] == "Prospecting Agent")
            #expect(blueprint["description"] == .null && blueprint["permissions"] == .array([]))
            #expect(blueprint["invocable_by"]?["role_slugs"] == .array([]) && blueprint["invocable_by"]?["organization_ids"] == .array([]))
            #expect(blueprint["invocable_as"] == ["instance_types": ["delegated", "autonomous"]])
            let settings = blueprint["session_settings"]
            #expect(settings?["max_age_seconds"] == 3600 && settings?["access_token_ttl_seconds"] == 300)
            #expect(settings?["refresh_token_ttl_seconds"] == 3600)
            #expect(blueprint["created_at"] != nil && blueprint["created_at"] == blueprint["updated_at"])
            let read = try await api.get("/agents/blueprints/\(try blueprint.id)")
            #expect(read.status == .ok && read.json == blueprint)
        }
    }

    @Test func everyFieldIsKeptAsGiven() async throws {
        try await TestEmulator.run { api in
            try await api.permission("crm:read")
            let org = try await api.organization()
            let blueprint = try await api.blueprint("Agent", [
                "description": "Finds prospects", "permissions": ["crm:read", "crm:read"],
                "invocable_by": ["role_slugs": ["manager"], "organization_ids": .array([.string(org)])],
                "invocable_as": ["instance_types": ["autonomous"]],
                "session_settings": ["max_age_seconds": 7200, "access_token_ttl_seconds": 60, "refresh_token_ttl_seconds": 600],
            ])
            #expect(blueprint["description"] == "Finds prospects" && blueprint["permissions"] == ["crm:read"])
            #expect(blueprint["invocable_by"]?["organization_ids"] == .array([.string(org)]))
            #expect(blueprint["invocable_as"] == ["instance_types": ["autonomous"]])
            #expect(blueprint["session_settings"]?["access_token_ttl_seconds"] == 60)
        }
    }

    @Test func badFieldsAre422sNamingEachField() async throws {
        try await TestEmulator.run { api in
            let cases: [(JSON, String)] = [
                (["description": "no name"], "name"),
                (["name": ""], "name"),
                (["name": "A", "permissions": "crm:read"], "permissions"),
                (["name": "A", "permissions": ["missing:permission"]], "permissions"),
                (["name": "A", "invocable_by": ["organization_ids": ["org_missing"]]], "invocable_by.organization_ids"),
                (["name": "A", "invocable_as": ["instance_types": ["robot"]]], "invocable_as.instance_types"),
                (["name": "A", "session_settings": ["access_token_ttl_seconds": 0]], "session_settings.access_token_ttl_seconds"),
                (["name": "A", "session_settings": ["max_age_seconds": 40_000_000]], "session_settings.max_age_seconds"),
            ]
            for (body, field) in cases {
                let response = try await api.post("/agents/blueprints", body)
                #expect(response.status == .unprocessableContent, "\(body): \(response.text)")
                #expect(response.json["code"] == "invalid_request_parameters")
                #expect(response.json["errors"]?.arrayValue?.first?["field"] == .string(field), "\(response.text)")
            }
            #expect(try await api.get("/agents/blueprints").json.ids.isEmpty)
        }
    }

    @Test func anUpdateChangesOnlyWhatItNames() async throws {
        try await TestEmulator.run { api in
            try await api.permission("crm:read")
            let blueprint = try await api.blueprint("Agent", ["description": "old", "permissions": ["crm:read"]])
            let id = try blueprint.id
            try await api.advanceClock(seconds: 5)
            let renamed = try await api.patch("/agents/blueprints/\(id)", [
                "name": "Renamed", "session_settings": ["max_age_seconds": 60],
            ])
            #expect(renamed.status == .ok, "\(renamed.text)")
            #expect(renamed.json["name"] == "Renamed" && renamed.json["description"] == "old")
            #expect(renamed.json["permissions"] == ["crm:read"])
            #expect(renamed.json["session_settings"]?["max_age_seconds"] == 60)
            #expect(renamed.json["session_settings"]?["access_token_ttl_seconds"] == 300)
            #expect(renamed.json["updated_at"] != blueprint["updated_at"] && renamed.json["created_at"] == blueprint["created_at"])
            let cleared = try await api.patch("/agents/blueprints/\(id)", ["description": .null, "permissions": .array([])])
            #expect(cleared.json["description"] == .null && cleared.json["permissions"] == .array([]))
            #expect(try await api.get("/agents/blueprints/\(id)").json == cleared.json)
            let bad = try await api.patch("/agents/blueprints/\(id)", ["permissions": ["nope"]])
            #expect(bad.status == .unprocessableContent)
            #expect(try await api.patch("/agents/blueprints/agent_blueprint_missing", ["name": "X"]).status == .notFound)
        }
    }

    @Test func blueprintsPageByCursorNewestFirst() async throws {
        try await TestEmulator.run { api in
            var ids: [String] = []
            for n in 1...3 { ids.append(try await api.blueprint("Agent \(n)").id) }
            let first = try await api.get("/agents/blueprints?limit=2")
            #expect(first.json.ids == [ids[2], ids[1]])
            #expect(first.json["list_metadata"]?["after"] == .string(ids[1]))
            let second = try await api.get("/agents/blueprints?limit=2&after=\(ids[1])")
            #expect(second.json.ids == [ids[0]] && second.json["list_metadata"]?["after"] == .null)
            #expect(try await api.get("/agents/blueprints?order=asc").json.ids == ids)
        }
    }

    @Test func deletedBlueprintsAreGoneAndBelongToTheirEnvironment() async throws {
        try await TestEmulator.run { api in
            let id = try await api.blueprint().id
            let other = try await api.newEnvironment()
            #expect(try await other.get("/agents/blueprints/\(id)").status == .notFound)
            #expect(try await api.delete("/agents/blueprints/\(id)").status == .noContent)
            let missing = try await api.get("/agents/blueprints/\(id)")
            #expect(missing.status == .notFound && missing.json["message"] != nil)
            #expect(try await api.delete("/agents/blueprints/\(id)").status == .notFound)
        }
    }
}
