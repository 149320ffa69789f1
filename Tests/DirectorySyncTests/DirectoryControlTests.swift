import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct DirectoryControlTests {
    @Test func createShowsTheSCIMEndpointAndToken() async throws {
        try await TestEmulator.run { api in
            let organization = try #require(try await api.post("/organizations", ["name": "Acme"]).json["id"]?.stringValue)
            let created = try await api.post("/_emulator/directories", ["organization_id": .string(organization)])
            #expect(created.status == .created)
            let id = try #require(created.json["id"]?.stringValue)
            #expect(created.json["type"] == "generic scim v2.0")
            #expect(created.json["scim"]?["endpoint"] == .string("/scim/v2/\(id)"))
            #expect(created.json["scim"]?["base_url"]?.stringValue?.hasSuffix("/scim/v2/\(id)") == true)
            #expect(try await api.get("/_emulator/directories/\(id)").json["scim"] == created.json["scim"])
            #expect(try await DirectoryFixture.events(api, "dsync.activated").map { $0["id"] } == [.string(id)])

            let missing = try await api.post("/_emulator/directories", ["organization_id": "org_01NOPE"])
            #expect(missing.status == .notFound)
            let badType = try await api.post("/_emulator/directories", ["organization_id": .string(organization), "type": "ldap"])
            #expect(badType.status == .unprocessableContent)
            let unknown = try await api.post("/_emulator/directories", ["organization_id": .string(organization), "colour": "red"])
            #expect(unknown.status == .unprocessableContent)

            let unlinked = try await api.request(.patch, "/_emulator/directories/\(id)", json: ["state": "unlinked"])
            #expect(unlinked.json["state"] == "unlinked")
            let relinked = try await api.request(.patch, "/_emulator/directories/\(id)", json: ["state": "linked"])
            #expect(relinked.json["state"] == "linked")
            #expect(try await DirectoryFixture.events(api, "dsync.activated").count == 2)
        }
    }

    @Test func scriptedUsersGoThroughTheSamePathAsSCIM() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let group = try #require(try await api.post("/_emulator/directories/\(directory.id)/groups", ["name": "Staff"])
                .json["id"]?.stringValue)
            let created = try await api.post("/_emulator/directories/\(directory.id)/users", [
                "email": "alice@acme.com", "first_name": "Alice", "last_name": "Liddell", "job_title": "Engineer",
                "custom_attributes": ["department": "R&D"], "roles": ["admin"], "groups": .strings([group]),
            ])
            #expect(created.status == .created, "\(created.text)")
            let user = created.json
            let id = try #require(user["id"]?.stringValue)
            #expect(user["username"] == "alice@acme.com")
            #expect(user["custom_attributes"] == ["department": "R&D"])
            #expect(user["role"] == ["slug": "admin"])
            #expect(user["roles"] == [["slug": "admin"]])
            #expect(user["groups"]?.arrayValue?.map { $0["id"] } == [.string(group)])

            // The same user, seen by an identity provider.
            let scim = try await directory.scim(api, .get, "/Users/\(id)").json
            #expect(scim["userName"] == "alice@acme.com")
            #expect(scim["name"]?["givenName"] == "Alice")

            let suspended = try await api.request(.patch, "/_emulator/directory_users/\(id)", json: ["state": "suspended"])
            #expect(suspended.json["state"] == "suspended")
            #expect(suspended.json["custom_attributes"] == ["department": "R&D"])
            let updated = try #require(try await DirectoryFixture.events(api, "dsync.user.updated").last)
            #expect(updated["previous_attributes"]?["state"] == "active")
            #expect(try await directory.scim(api, .get, "/Users/\(id)").json["active"] == false)

            #expect(try await api.request(.delete, "/_emulator/directory_groups/\(group)/members/\(id)").status == .noContent)
            #expect(try await api.request(.put, "/_emulator/directory_groups/\(group)/members/\(id)").status == .noContent)
            #expect(try await api.delete("/_emulator/directory_users/\(id)").status == .noContent)
            let types = try await DirectoryFixture.eventTypes(api).filter { $0.hasPrefix("dsync.group.user") || $0.hasPrefix("dsync.user") }
            #expect(types == ["dsync.user.created", "dsync.group.user_added", "dsync.user.updated", "dsync.group.user_removed",
                              "dsync.group.user_added", "dsync.group.user_removed", "dsync.user.deleted"])

            let nameless = try await api.post("/_emulator/directories/\(directory.id)/users", ["first_name": "X"])
            #expect(nameless.status == .unprocessableContent)
            let badState = try await api.post("/_emulator/directories/\(directory.id)/users", ["email": "x@acme.com", "state": "gone"])
            #expect(badState.status == .unprocessableContent)
            try await api.post("/_emulator/directories/\(directory.id)/users", ["email": "dup@acme.com"])
            let duplicate = try await api.post("/_emulator/directories/\(directory.id)/users", ["email": "DUP@acme.com"])
            #expect(duplicate.status == .conflict)
        }
    }

    @Test func scriptedGroups() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let group = try #require(try await api.post("/_emulator/directories/\(directory.id)/groups", [
                "name": "Staff", "idp_id": "g-1",
            ]).json["id"]?.stringValue)
            let renamed = try await api.request(.patch, "/_emulator/directory_groups/\(group)", json: ["name": "Everyone"])
            #expect(renamed.json["name"] == "Everyone" && renamed.json["idp_id"] == "g-1")
            #expect(try await DirectoryFixture.events(api, "dsync.group.updated").first?["previous_attributes"]?["name"] == "Staff")
            let stranger = try await api.request(.put, "/_emulator/directory_groups/\(group)/members/directory_user_01NOPE")
            #expect(stranger.status == .unprocessableContent)
            #expect(try await api.delete("/_emulator/directory_groups/\(group)").status == .noContent)
            #expect(try await api.get("/directory_groups/\(group)").status == .notFound)
        }
    }
}
