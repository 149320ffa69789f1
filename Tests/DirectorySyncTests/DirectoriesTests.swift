import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct DirectoriesTests {
    @Test func getAndListWithEveryFilter() async throws {
        try await TestEmulator.run { api in
            let acme = try await DirectoryFixture.make(api)
            let other = try #require(try await api.post("/organizations", ["name": "Globex"]).json["id"]?.stringValue)
            let globex = try #require(try await api.post("/_emulator/directories", [
                "organization_id": .string(other), "name": "Globex Google", "type": "gsuite directory",
            ]).json["id"]?.stringValue)

            let directory = try await api.get("/directories/\(acme.id)").json
            #expect(directory["object"] == "directory")
            #expect(directory["organization_id"] == .string(acme.organizationID))
            #expect(directory["type"] == "okta scim v2.0")
            #expect(directory["state"] == "linked")
            #expect(directory["name"] == "Acme")
            #expect(directory["domain"] == "acme.com")
            #expect(directory["external_key"]?.stringValue?.isEmpty == false)
            #expect(directory["metadata"] == ["groups": 0, "users": ["active": 0, "inactive": 0]])
            #expect(directory["scim"] == nil)

            func ids(_ query: String) async throws -> [String] {
                try await api.get("/directories\(query)").json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            }
            #expect(try await ids("") == [globex, acme.id])
            #expect(try await ids("?organization_id=\(other)") == [globex])
            #expect(try await ids("?search=google") == [globex])
            #expect(try await ids("?domain=acme.com") == [acme.id])
            #expect(try await ids("?order=asc&limit=1") == [acme.id])
            #expect(try await api.get("/directories/directory_01NOPE").status == .notFound)
        }
    }

    @Test func metadataCountsUsersAndGroups() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            try await api.post("/_emulator/directories/\(directory.id)/users", ["email": "a@acme.com"])
            try await api.post("/_emulator/directories/\(directory.id)/users", ["email": "b@acme.com", "state": "suspended"])
            try await api.post("/_emulator/directories/\(directory.id)/groups", ["name": "G"])
            #expect(try await api.get("/directories/\(directory.id)").json["metadata"]
                == ["groups": 1, "users": ["active": 1, "inactive": 1]])
        }
    }

    @Test func deleteTakesUsersAndGroupsWithItAndEmitsDsyncDeletedAlone() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let user = try #require(try await api.post("/_emulator/directories/\(directory.id)/users", ["email": "a@acme.com"])
                .json["id"]?.stringValue)
            let group = try #require(try await api.post("/_emulator/directories/\(directory.id)/groups",
                                                        ["name": "G", "members": .strings([user])]).json["id"]?.stringValue)
            let before = try await DirectoryFixture.eventTypes(api).count
            #expect(try await api.delete("/directories/\(directory.id)").status == .accepted)
            #expect(try await api.get("/directories/\(directory.id)").status == .notFound)
            #expect(try await api.get("/directory_users/\(user)").status == .notFound)
            #expect(try await api.get("/directory_groups/\(group)").status == .notFound)
            for table in ["directory_users", "directory_groups", "directory_group_members"] {
                #expect(try await DirectoryFixture.rows(api, table) == 0, "\(table)")
            }
            // WorkOS sends a sole `dsync.deleted`: no `dsync.user.deleted` nor `dsync.group.deleted`. The
            // user's membership goes with it (see DirectoryProvisioningTests).
            let types = try await DirectoryFixture.eventTypes(api).dropFirst(before)
            #expect(Array(types) == ["dsync.deleted", "organization_membership.deleted"])
            // The spec's DsyncDeletedData: the directory without external key or domains, `deleting`.
            let deleted = try #require(try await DirectoryFixture.events(api, "dsync.deleted").first)
            #expect(deleted.objectValue?.keys.sorted()
                == ["created_at", "id", "name", "object", "organization_id", "state", "type", "updated_at"])
            #expect(deleted["object"] == "directory")
            #expect(deleted["id"] == .string(directory.id))
            #expect(deleted["organization_id"] == .string(directory.organizationID))
            #expect(deleted["type"] == "okta scim v2.0")
            #expect(deleted["state"] == "deleting")
            #expect(try await directory.scim(api, .get, "/Users").status == .unauthorized)
        }
    }

    @Test func deletingTheOrganizationDeletesItsDirectories() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            #expect(try await api.delete("/organizations/\(directory.organizationID)").status == .accepted)
            #expect(try await api.get("/directories/\(directory.id)").status == .notFound)
            #expect(try await DirectoryFixture.events(api, "dsync.deleted").count == 1)
        }
    }

    @Test func syncIsQueuedForGoogleDirectoriesOnceACooldown() async throws {
        try await TestEmulator.run { api in
            let okta = try await DirectoryFixture.make(api)
            let refused = try await api.post("/directories/\(okta.id)/sync")
            #expect(refused.status == .unprocessableContent)
            let google = try await DirectoryFixture.make(api, type: "gsuite directory", domain: "google.example")
            let queued = try await api.post("/directories/\(google.id)/sync")
            #expect(queued.status == .accepted && queued.json == ["status": "queued"])
            #expect(try await api.post("/directories/\(google.id)/sync").status == .conflict)
            try await api.post("/_emulator/clock", ["advance_seconds": 301])
            #expect(try await api.post("/directories/\(google.id)/sync").status == .accepted)
            #expect(try await api.post("/directories/directory_01NOPE/sync").status == .notFound)
        }
    }
}
