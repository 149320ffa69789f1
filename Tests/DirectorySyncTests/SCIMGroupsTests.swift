import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct SCIMGroupsTests {
    static func user(_ directory: DirectoryFixture, _ api: APIClient, _ name: String) async throws -> String {
        let created = try await directory.scim(api, .post, "/Users", [
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": .string("\(name)@acme.com"),
        ])
        return try #require(created.json["id"]?.stringValue)
    }

    @Test func membersBecomeMembershipsWithEvents() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let alice = try await Self.user(directory, api, "alice")
            let bob = try await Self.user(directory, api, "bob")
            let created = try await directory.scim(api, .post, "/Groups", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Engineering", "externalId": "grp-1",
                "members": [["value": .string(alice)]],
            ])
            #expect(created.status == .created)
            let group = try #require(created.json["id"]?.stringValue)
            #expect(created.json["members"]?.arrayValue?.map { $0["value"] } == [.string(alice)])
            #expect(created.json["members"]?.arrayValue?.first?["type"] == "User")
            #expect(created.json["members"]?.arrayValue?.first?["$ref"]?.stringValue?.hasSuffix("/Users/\(alice)") == true)

            let patched = try await directory.scim(api, .patch, "/Groups/\(group)", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [
                    ["op": "add", "path": "members", "value": [["value": .string(bob)]]],
                    ["op": "remove", "path": .string("members[value eq \"\(alice)\"]")],
                    ["op": "replace", "path": "displayName", "value": "Platform"],
                ],
            ])
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(patched.json["members"]?.arrayValue?.map { $0["value"] } == [.string(bob)])

            let workosGroup = try await api.get("/directory_groups/\(group)").json
            #expect(workosGroup["name"] == "Platform")
            #expect(workosGroup["idp_id"] == "grp-1")
            let bobsGroups = try await api.get("/directory_users/\(bob)").json["groups"]
            #expect(bobsGroups?.arrayValue?.map { $0["id"] } == [.string(group)])
            #expect(try await SCIMGroupsTests.userIDs(api, "/directory_users?group=\(group)") == [bob])
            #expect(try await directory.scim(api, .get, "/Users/\(bob)").json["groups"]?.arrayValue?.first?["display"] == "Platform")

            let types = try await DirectoryFixture.eventTypes(api).filter { $0.hasPrefix("dsync.group") }
            #expect(types == ["dsync.group.created", "dsync.group.user_added", "dsync.group.updated",
                              "dsync.group.user_removed", "dsync.group.user_added"])
            let removed = try #require(try await DirectoryFixture.events(api, "dsync.group.user_removed").first)
            #expect(removed["directory_id"] == .string(directory.id))
            #expect(removed["user"]?["id"] == .string(alice))
            #expect(removed["group"]?["id"] == .string(group))
            let updated = try #require(try await DirectoryFixture.events(api, "dsync.group.updated").first)
            #expect(updated["previous_attributes"]?["name"] == "Engineering")

            // Azure AD removes members by value.
            let azure = try await directory.scim(api, .patch, "/Groups/\(group)", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [["op": "Remove", "path": "members", "value": [["value": .string(bob)]]]],
            ])
            #expect(azure.json["members"] == nil)
        }
    }

    @Test func groupsNestAndPutReplacesMembers() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let alice = try await Self.user(directory, api, "alice")
            let inner = try #require(try await directory.scim(api, .post, "/Groups", [
                "displayName": "Inner", "members": [["value": .string(alice)]],
            ]).json["id"]?.stringValue)
            let outer = try #require(try await directory.scim(api, .post, "/Groups", [
                "displayName": "Outer", "members": [["value": .string(inner)]],
            ]).json["id"]?.stringValue)
            #expect(try await directory.scim(api, .get, "/Groups/\(outer)").json["members"]?.arrayValue?.first?["type"] == "Group")
            let cycle = try await directory.scim(api, .put, "/Groups/\(inner)", [
                "displayName": "Inner", "members": [["value": .string(outer)]],
            ])
            #expect(cycle.status == .badRequest && cycle.json["scimType"] == "invalidValue")

            let replaced = try await directory.scim(api, .put, "/Groups/\(outer)", ["displayName": "Outer", "members": []])
            #expect(replaced.status == .ok && replaced.json["members"] == nil)
            let stranger = try await directory.scim(api, .post, "/Groups", [
                "displayName": "X", "members": [["value": "directory_user_01NOPE"]],
            ])
            #expect(stranger.status == .badRequest)

            let byName = try await directory.scim(api, .get, "/Groups?filter=displayName%20eq%20%22inner%22&excludedAttributes=members").json
            #expect(byName["totalResults"] == 1)
            #expect(byName["Resources"]?.arrayValue?.first?["members"] == nil)
            let byMember = try await directory.scim(api, .get, "/Groups?filter=members%5Bvalue%20eq%20%22\(alice)%22%5D").json
            #expect(byMember["Resources"]?.arrayValue?.map { $0["id"] } == [.string(inner)])

            #expect(try await directory.scim(api, .delete, "/Groups/\(inner)").status == .noContent)
            #expect(try await api.get("/directory_users/\(alice)").json["groups"] == [])
            #expect(try await DirectoryFixture.events(api, "dsync.group.deleted").map { $0["id"] } == [.string(inner)])
        }
    }

    static func userIDs(_ api: APIClient, _ path: String) async throws -> [String] {
        try await api.get(path).json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }
}
