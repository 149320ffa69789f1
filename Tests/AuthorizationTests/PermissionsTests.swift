import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct PermissionsTests {
    @Test func createGetUpdateDeleteWithEvents() async throws {
        try await TestEmulator.run { api in
            let created = try await api.created("/authorization/permissions", [
                "slug": "posts:read", "name": "Read posts", "description": "Any post",
            ])
            #expect(try created.id.hasPrefix("perm_"))
            #expect(created["object"] == "permission" && created["slug"] == "posts:read")
            #expect(created["system"] == false && created["resource_type_slug"] == "organization")
            #expect(created["description"] == "Any post")
            #expect(try await api.get("/authorization/permissions/posts:read").json == created)

            let renamed = try await api.patch("/authorization/permissions/posts:read", ["name": "Read", "description": nil])
            #expect(renamed.status == .ok)
            #expect(renamed.json["name"] == "Read" && renamed.json["description"] == .null)
            // Asking for what is already so changes nothing and announces nothing.
            #expect(try await api.patch("/authorization/permissions/posts:read", ["name": "Read"]).json == renamed.json)

            #expect(try await api.delete("/authorization/permissions/posts:read").status == .noContent)
            #expect(try await api.get("/authorization/permissions/posts:read").status == .notFound)
            let events = try await api.events("permission.")
            #expect(events.map(\.event) == ["permission.created", "permission.updated", "permission.deleted"])
            #expect(events.first?.data == created)
            #expect(events.last?.data == renamed.json)
        }
    }

    @Test func listIsPaginated() async throws {
        try await TestEmulator.run { api in
            for slug in ["a:read", "b:read", "c:read"] { _ = try await api.permission(slug) }
            let first = try await api.get("/authorization/permissions?limit=2&order=asc").json
            #expect(first.slugs == ["a:read", "b:read"])
            let after = try #require(first["list_metadata"]?["after"]?.stringValue)
            #expect(try await api.get("/authorization/permissions?limit=2&order=asc&after=\(after)").json.slugs == ["c:read"])
        }
    }

    @Test func badInputIsRefusedInWorkOSShapes() async throws {
        try await TestEmulator.run { api in
            _ = try await api.permission("posts:read")
            let taken = try await api.post("/authorization/permissions", ["slug": "posts:read", "name": "Again"])
            #expect(taken.status == .conflict && taken.json["code"] == "permission_slug_conflict")

            for body: JSON in [
                ["name": "No slug"],
                ["slug": "x:y"],
                ["slug": "Posts:Read", "name": "Upper case"],
                ["slug": "posts read", "name": "Space"],
                ["slug": .string(String(repeating: "a", count: 49)), "name": "Too long"],
                ["slug": "ok", "name": .string(String(repeating: "n", count: 49))],
                ["slug": "ok", "name": "Long description", "description": .string(String(repeating: "d", count: 151))],
                ["slug": "ok", "name": 5],
            ] {
                let refused = try await api.post("/authorization/permissions", body)
                #expect(refused.status == .unprocessableContent, "\(body)")
                #expect(refused.json["code"] == "invalid_request_parameters")
            }
            #expect(try await api.patch("/authorization/permissions/nope", ["name": "X"]).status == .notFound)
            #expect(try await api.delete("/authorization/permissions/nope").json["message"] == "Permission not found: 'nope'.")
        }
    }

    @Test func deletingAPermissionTakesItFromEveryRole() async throws {
        try await TestEmulator.run { api in
            _ = try await api.permission("posts:read")
            _ = try await api.permission("posts:write")
            _ = try await api.put("/authorization/roles/member/permissions", ["permissions": ["posts:read", "posts:write"]])
            _ = try await api.delete("/authorization/permissions/posts:read")
            #expect(try await api.get("/authorization/roles/member").json["permissions"] == ["posts:write"])
        }
    }
}
