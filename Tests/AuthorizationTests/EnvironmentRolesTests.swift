import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct EnvironmentRolesTests {
    @Test func memberAndAdminExistFromTheStartAndSurviveReset() async throws {
        try await TestEmulator.run { api in
            let listed = try await api.get("/authorization/roles").json
            #expect(listed["object"] == "list" && listed["list_metadata"] == nil)
            #expect(listed.slugs == ["member", "admin"])
            let member = try await api.get("/authorization/roles/member").json
            #expect(try member.id.hasPrefix("role_"))
            #expect(member["type"] == "EnvironmentRole" && member["name"] == "Member" && member["permissions"] == [])
            #expect(member["resource_type_slug"] == "organization" && member["description"] == .null)

            _ = try await api.created("/authorization/roles", ["slug": "editor", "name": "Editor"])
            _ = try await api.post("/_emulator/reset")
            #expect(try await api.get("/authorization/roles").json.slugs == ["member", "admin"])
        }
    }

    @Test func createUpdateAndPermissionsWithEvents() async throws {
        try await TestEmulator.run { api in
            _ = try await api.permission("posts:read")
            _ = try await api.permission("posts:write")
            let created = try await api.created("/authorization/roles", [
                "slug": "editor", "name": "Editor", "description": "Edits posts",
            ])
            #expect(created["slug"] == "editor" && created["type"] == "EnvironmentRole" && created["permissions"] == [])

            let updated = try await api.patch("/authorization/roles/editor", ["name": "Post editor"]).json
            #expect(updated["name"] == "Post editor" && updated["description"] == "Edits posts")
            let added = try await api.post("/authorization/roles/editor/permissions", ["slug": "posts:read"]).json
            #expect(added["permissions"] == ["posts:read"])
            // Adding a permission the role already grants has no effect.
            #expect(try await api.post("/authorization/roles/editor/permissions", ["slug": "posts:read"]).json == added)
            let set = try await api.put("/authorization/roles/editor/permissions", ["permissions": ["posts:write", "posts:read"]])
            #expect(set.status == .ok && set.json["permissions"] == ["posts:write", "posts:read"])
            #expect(try await api.put("/authorization/roles/editor/permissions", ["permissions": ["posts:write", "posts:read"]]).json == set.json)
            #expect(try await api.get("/authorization/roles").json.slugs == ["member", "admin", "editor"])

            let events = try await api.events("role.")
            #expect(events.map(\.event) == ["role.created", "role.updated", "role.updated", "role.updated"])
            let expected: JSON = [
                "object": "role", "slug": "editor", "resource_type_slug": "organization",
                "permissions": ["posts:write", "posts:read"],
                "created_at": created["created_at"]!, "updated_at": set.json["updated_at"]!,
            ]
            #expect(events.last?.data == expected.parsedForm)
            #expect(events.last?.organizationId == nil)
        }
    }

    @Test func errors() async throws {
        try await TestEmulator.run { api in
            let taken = try await api.post("/authorization/roles", ["slug": "admin", "name": "Admin again"])
            #expect(taken.status == .conflict && taken.json["code"] == "role_slug_conflict")
            #expect(try await api.post("/authorization/roles", ["slug": "Bad Slug", "name": "X"]).status == .unprocessableContent)
            #expect(try await api.post("/authorization/roles", ["slug": "x"]).status == .unprocessableContent)
            #expect(try await api.get("/authorization/roles/nope").json["message"] == "Role not found: 'nope'.")
            #expect(try await api.patch("/authorization/roles/nope", ["name": "X"]).status == .notFound)

            let unknownPermission = try await api.post("/authorization/roles/member/permissions", ["slug": "nope:read"])
            #expect(unknownPermission.status == .notFound)
            _ = try await api.permission("posts:read")
            // An unknown slug anywhere in the list changes nothing.
            let partlyUnknown = try await api.put("/authorization/roles/member/permissions", ["permissions": ["posts:read", "nope"]])
            #expect(partlyUnknown.status == .notFound)
            #expect(try await api.get("/authorization/roles/member").json["permissions"] == [])
            #expect(try await api.put("/authorization/roles/member/permissions", [:]).status == .unprocessableContent)
            #expect(try await api.put("/authorization/roles/member/permissions", ["permissions": "posts:read"]).status == .unprocessableContent)
            // The API has no way to delete an environment role.
            #expect(try await api.delete("/authorization/roles/admin").json["code"] == "not_emulated")
        }
    }
}
