import EmulatorCore
import EmulatorTesting
import Testing

/// An organization's groups: their life, their members, and the events of both.
@Suite struct GroupsTests {
    @Test func aGroupIsCreatedReadChangedAndDeleted() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let base = "/organizations/\(orgID)/groups"
            let group = try await api.created(base, ["name": "  Engineering ", "description": "Builders"])
            let groupID = try group.id
            #expect(groupID.hasPrefix("group_"))
            #expect(group["object"] == "group" && group["name"] == "Engineering" && group["description"] == "Builders")
            #expect(group["organization_id"] == .string(orgID) && group["created_at"] == group["updated_at"])
            #expect(try await api.get("\(base)/\(groupID)").json == group)

            let renamed = try await api.patch("\(base)/\(groupID)", ["name": "Eng", "description": nil])
            #expect(renamed.status == .ok && renamed.json["name"] == "Eng" && renamed.json["description"] == .null)
            // Asking for what is already so changes nothing and emits nothing.
            #expect(try await api.patch("\(base)/\(groupID)", ["name": "Eng"]).json == renamed.json)

            #expect(try await api.delete("\(base)/\(groupID)").status == .noContent)
            #expect(try await api.get("\(base)/\(groupID)").status == .notFound)
            #expect(try await api.delete("\(base)/\(groupID)").status == .notFound)
            let events = try await api.events("group.")
            #expect(events.map(\.event) == ["group.created", "group.updated", "group.deleted"])
            #expect(events[0].data == group && events[0].organizationId == orgID)
            #expect(events[2].data["name"] == "Eng")
        }
    }

    @Test func badInputAndUnknownObjectsAreRefused() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let otherID = try await api.organization("Other")
            let base = "/organizations/\(orgID)/groups"
            let missing = try await api.post(base, ["description": "x"])
            #expect(missing.status == .unprocessableContent && missing.json["errors"]?[0]?["field"] == "name")
            #expect(try await api.post(base, ["name": .string(String(repeating: "n", count: 257))]).status == .unprocessableContent)
            #expect(try await api.post(base, ["name": "N", "description": .string(String(repeating: "d", count: 151))])
                .status == .unprocessableContent)
            let unknownOrg = try await api.post("/organizations/org_missing/groups", ["name": "N"])
            #expect(unknownOrg.status == .notFound && unknownOrg.json["message"] == "Organization not found: 'org_missing'.")
            #expect(try await api.get("/organizations/org_missing/groups").status == .notFound)
            let groupID = try await api.created(base, ["name": "N"]).id
            // A group is found through its own organization only.
            #expect(try await api.get("/organizations/\(otherID)/groups/\(groupID)").status == .notFound)
            #expect(try await api.patch("/organizations/\(otherID)/groups/\(groupID)", ["name": "M"]).status == .notFound)
            #expect(try await api.get("\(base)/group_missing").json["message"] == "Group not found: 'group_missing'.")
        }
    }

    @Test func groupsAreListedPagedAndSearched() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let base = "/organizations/\(orgID)/groups"
            let engineering = try await api.created(base, ["name": "Engineering"]).id
            let design = try await api.created(base, ["name": "Design"]).id
            let sales = try await api.created(base, ["name": "Sales_Team"]).id
            _ = try await api.created("/organizations/\(try await api.organization("Other"))/groups", ["name": "Elsewhere"])

            let all = try await api.get(base).json
            #expect(all["object"] == "list" && all["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [sales, design, engineering])
            let first = try await api.get("\(base)?limit=1&order=asc").json
            #expect(first["data"]?[0]?["id"] == .string(engineering) && first["list_metadata"]?["after"] == .string(engineering))
            let next = try await api.get("\(base)?limit=1&order=asc&after=\(engineering)").json
            #expect(next["data"]?[0]?["id"] == .string(design))

            func search(_ text: String) async throws -> [String] {
                try await api.get("\(base)?search=\(text)").json["data"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            }
            #expect(try await search("GIN") == ["Engineering"])
            #expect(try await search("_") == ["Sales_Team"])
            #expect(try await search(design) == ["Design"])
        }
    }

    @Test func membersAreMembershipsOfTheGroupsOrganization() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let base = "/organizations/\(orgID)/groups"
            let group = try await api.created(base, ["name": "Eng"])
            let groupID = try group.id
            let members = "\(base)/\(groupID)/organization-memberships"
            let ann = try await api.membership(in: orgID).id
            let bob = try await api.membership(in: orgID).id

            let added = try await api.post(members, ["organization_membership_id": .string(ann)])
            #expect(added.status == .ok && added.json == group)
            _ = try await api.post(members, ["organization_membership_id": .string(bob)])
            // Adding a member again changes nothing.
            #expect(try await api.post(members, ["organization_membership_id": .string(ann)]).status == .ok)
            let listed = try await api.get("\(members)?order=asc").json
            #expect(listed["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ann, bob])
            #expect(listed["data"]?[0]?["object"] == "organization_membership" && listed["data"]?[0]?["organization_id"] == .string(orgID))
            let groupsOfAnn = try await api.get("/user_management/organization_memberships/\(ann)/groups").json
            #expect(groupsOfAnn["data"] == JSON.array([group]).parsedForm)

            let outsider = try await api.membership(in: try await api.organization("Other")).id
            let refused = try await api.post(members, ["organization_membership_id": .string(outsider)])
            #expect(refused.status == .unprocessableContent && refused.json["errors"]?[0]?["field"] == "organization_membership_id")
            #expect(try await api.post(members, ["organization_membership_id": "om_missing"]).status == .notFound)
            #expect(try await api.post(members, [:]).status == .unprocessableContent)
            #expect(try await api.post("\(base)/group_missing/organization-memberships",
                                       ["organization_membership_id": .string(ann)]).status == .notFound)
            #expect(try await api.get("/user_management/organization_memberships/om_missing/groups").status == .notFound)

            #expect(try await api.delete("\(members)/\(ann)").status == .noContent)
            #expect(try await api.delete("\(members)/\(ann)").status == .notFound)
            #expect(try await api.get(members).json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [bob])
            #expect(try await api.get("/user_management/organization_memberships/\(ann)/groups").json["data"] == [])

            let events = try await api.events("group.member_")
            let added_: JSON = ["group_id": .string(groupID), "organization_membership_id": .string(ann)]
            #expect(events.map(\.event) == ["group.member_added", "group.member_added", "group.member_removed"])
            #expect(events[0].data == added_.parsedForm && events[2].data == added_.parsedForm && events[0].organizationId == orgID)
        }
    }

    @Test func membersAreAddedAndRemovedTogetherByPatch() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let base = "/organizations/\(orgID)/groups"
            let groupID = try await api.created(base, ["name": "Eng"]).id
            let members = "\(base)/\(groupID)/organization-memberships"
            let (ann, bob, cy) = (try await api.membership(in: orgID).id, try await api.membership(in: orgID).id,
                                  try await api.membership(in: orgID).id)
            func listed() async throws -> [String] {
                try await api.get("\(members)?order=asc").json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            }
            _ = try await api.post(members, ["organization_membership_id": .string(ann)])

            // Ann is there already and Cy is not: neither changes anything.
            let changed = try await api.patch(members, ["add": [.string(ann), .string(bob)], "remove": [.string(cy)]])
            #expect(changed.status == .noContent)
            #expect(try await listed() == [ann, bob])
            #expect(try await api.patch(members, ["add": [.string(cy)], "remove": [.string(ann), .string(bob)]]).status == .noContent)
            #expect(try await listed() == [cy])
            #expect(try await api.patch(members, ["remove": [.string(cy)]]).status == .noContent)
            #expect(try await listed() == [])

            let events = try await api.events("group.member_")
            #expect(events.map(\.event) == ["group.member_added", "group.member_added", "group.member_removed",
                                            "group.member_removed", "group.member_added", "group.member_removed"])
            #expect(events.map { $0.data["organization_membership_id"] } == [ann, bob, ann, bob, cy, cy].map(JSON.string))
            #expect(events.allSatisfy { $0.data["group_id"] == .string(groupID) && $0.organizationId == orgID })

            // Every refusal leaves the group as it was: all or nothing.
            let outsider = try await api.membership(in: try await api.organization("Other")).id
            let foreign = try await api.patch(members, ["add": [.string(ann), .string(outsider)]])
            #expect(foreign.status == .unprocessableContent && foreign.json["errors"]?[0]?["field"] == "add")
            #expect(try await api.patch(members, ["add": [.string(ann)], "remove": ["om_missing"]]).status == .notFound)
            let both = try await api.patch(members, ["add": [.string(ann)], "remove": [.string(ann)]])
            #expect(both.status == .unprocessableContent && both.json["errors"]?[0]?["field"] == "remove")
            #expect(try await api.patch(members, [:]).status == .unprocessableContent)
            #expect(try await api.patch(members, ["add": [], "remove": []]).status == .unprocessableContent)
            #expect(try await api.patch(members, ["add": [1]]).status == .unprocessableContent)
            #expect(try await api.patch(members, ["add": .array(Array(repeating: .string(ann), count: 101))]).status == .unprocessableContent)
            #expect(try await api.patch("\(base)/group_missing/organization-memberships", ["add": [.string(ann)]]).status == .notFound)
            #expect(try await listed() == [])
            #expect(try await api.events("group.member_").count == 6)
        }
    }
}
