import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct DirectoryUsersAndGroupsTests {
    func ids(_ api: APIClient, _ path: String) async throws -> [String] {
        try await api.get(path).json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test func listUsersWithEveryFilter() async throws {
        try await TestEmulator.run { api in
            let one = try await DirectoryFixture.make(api)
            let two = try await DirectoryFixture.make(api, domain: "two.example")
            let alice = try #require(try await api.post("/_emulator/directories/\(one.id)/users", [
                "email": "alice@acme.com", "idp_id": "idp-alice",
            ]).json["id"]?.stringValue)
            let bob = try #require(try await api.post("/_emulator/directories/\(one.id)/users", ["email": "bob@acme.com"])
                .json["id"]?.stringValue)
            let carol = try #require(try await api.post("/_emulator/directories/\(two.id)/users", ["email": "carol@acme.com"])
                .json["id"]?.stringValue)
            let group = try #require(try await api.post("/_emulator/directories/\(one.id)/groups", [
                "name": "Admins", "members": .strings([bob]),
            ]).json["id"]?.stringValue)

            #expect(try await ids(api, "/directory_users") == [carol, bob, alice])
            #expect(try await ids(api, "/directory_users?directory=\(one.id)") == [bob, alice])
            #expect(try await ids(api, "/directory_users?group=\(group)") == [bob])
            #expect(try await ids(api, "/directory_users?directory=\(one.id)&idp_id=idp-alice") == [alice])
            #expect(try await ids(api, "/directory_users?directory=\(one.id)&email=ALICE@acme.com") == [alice])
            #expect(try await ids(api, "/directory_users?directory=\(one.id)&limit=1&after=\(bob)") == [alice])
            #expect(try await api.get("/directory_users?email=alice@acme.com").status == .unprocessableContent)
            #expect(try await api.get("/directory_users?directory=directory_01NOPE").status == .notFound)
            #expect(try await api.get("/directory_users?group=directory_group_01NOPE").status == .notFound)
            #expect(try await api.get("/directory_users/directory_user_01NOPE").status == .notFound)

            let listed = try #require(try await api.get("/directory_users?group=\(group)").json["data"]?.arrayValue?.first)
            #expect(listed["groups"]?.arrayValue?.map { $0["name"] } == ["Admins"])
            #expect(listed["idp_id"] == listed["id"])
        }
    }

    @Test func listGroupsWithEveryFilter() async throws {
        try await TestEmulator.run { api in
            let one = try await DirectoryFixture.make(api)
            let two = try await DirectoryFixture.make(api, domain: "two.example")
            let alice = try #require(try await api.post("/_emulator/directories/\(one.id)/users", ["email": "alice@acme.com"])
                .json["id"]?.stringValue)
            let admins = try #require(try await api.post("/_emulator/directories/\(one.id)/groups", [
                "name": "Admins", "idp_id": "g-1", "members": .strings([alice]),
            ]).json["id"]?.stringValue)
            let staff = try #require(try await api.post("/_emulator/directories/\(one.id)/groups", ["name": "Staff"])
                .json["id"]?.stringValue)
            let others = try #require(try await api.post("/_emulator/directories/\(two.id)/groups", ["name": "Others"])
                .json["id"]?.stringValue)

            #expect(try await ids(api, "/directory_groups") == [others, staff, admins])
            #expect(try await ids(api, "/directory_groups?directory=\(one.id)") == [staff, admins])
            #expect(try await ids(api, "/directory_groups?user=\(alice)") == [admins])
            #expect(try await api.get("/directory_groups?user=directory_user_01NOPE").status == .notFound)

            let group = try await api.get("/directory_groups/\(admins)").json
            #expect(group["object"] == "directory_group")
            #expect(group["idp_id"] == "g-1")
            #expect(group["directory_id"] == .string(one.id))
            #expect(group["organization_id"] == .string(one.organizationID))
            #expect(group["name"] == "Admins")
            #expect(group["raw_attributes"]?["displayName"] == "Admins")
            #expect(try await api.get("/directory_groups/directory_group_01NOPE").status == .notFound)
        }
    }
}
