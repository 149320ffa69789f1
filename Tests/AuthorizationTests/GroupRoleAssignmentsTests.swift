import Authorization
import EmulatorCore
import EmulatorTesting
import Testing

/// Roles given to groups, and held by their members: in checks, in the members' role assignments, in
/// the permissions of their sessions; and what goes when groups, memberships or organizations do.
@Suite struct GroupRoleAssignmentsTests {
    /// An organization with a workspace `ws-1`, the permissions `posts:read` (given to the custom role
    /// `org-reader`) and `ws:edit` (given to the workspace role `ws-admin`), a group and a member of it.
    struct World {
        let orgID: String
        let groupID: String
        let membershipID: String
        let api: APIClient

        init(_ api: APIClient) async throws {
            self.api = api
            orgID = try await api.organization()
            _ = try await api.permission("posts:read")
            _ = try await api.permission("ws:edit", resourceType: "workspace")
            _ = try await api.created("/authorization/organizations/\(orgID)/roles", ["slug": "org-reader", "name": "Reader"])
            _ = try await api.post("/authorization/organizations/\(orgID)/roles/org-reader/permissions", ["slug": "posts:read"])
            _ = try await api.created("/authorization/roles", ["slug": "ws-admin", "name": "WS admin", "resource_type_slug": "workspace"])
            _ = try await api.post("/authorization/roles/ws-admin/permissions", ["slug": "ws:edit"])
            _ = try await api.created("/authorization/resources", [
                "external_id": "ws-1", "name": "WS", "resource_type_slug": "workspace", "organization_id": .string(orgID),
            ])
            groupID = try await api.created("/organizations/\(orgID)/groups", ["name": "Eng"]).id
            membershipID = try await api.membership(in: orgID).id
            try await join(membershipID)
        }

        var assignments: String { "/authorization/groups/\(groupID)/role_assignments" }
        var members: String { "/organizations/\(orgID)/groups/\(groupID)/organization-memberships" }

        func join(_ membershipID: String) async throws {
            let response = try await api.post(members, ["organization_membership_id": .string(membershipID)])
            guard response.status == .ok else { throw TestFailure("joining answered \(response.status): \(response.text)") }
        }

        func check(_ permission: String, on type: String, _ externalID: String, as membershipID: String? = nil) async throws -> Bool {
            let response = try await api.post("/authorization/organization_memberships/\(membershipID ?? self.membershipID)/check", [
                "permission_slug": .string(permission), "resource_type_slug": .string(type),
                "resource_external_id": .string(externalID),
            ])
            guard response.status == .ok, let authorized = response.json["authorized"]?.boolValue else {
                throw TestFailure("check answered \(response.status): \(response.text)")
            }
            return authorized
        }
    }

    @Test func aGroupIsAssignedRolesOnTheOrganizationAndOnResources() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            let onOrganization = try await api.created(world.assignments, ["role_slug": "org-reader"])
            #expect(try onOrganization.id.hasPrefix("gra_"))
            #expect(onOrganization["object"] == "group_role_assignment" && onOrganization["group_id"] == .string(world.groupID))
            #expect(onOrganization["role"] == ["slug": "org-reader"])
            #expect(onOrganization["resource"]?["external_id"] == .string(world.orgID)
                    && onOrganization["resource"]?["resource_type_slug"] == "organization")
            let onWorkspace = try await api.created(world.assignments, [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ])
            #expect(onWorkspace["resource"]?["external_id"] == "ws-1")
            #expect(try await api.get("\(world.assignments)/\(try onWorkspace.id)").json == onWorkspace)
            #expect(try await api.get("\(world.assignments)?order=asc").json.ids == [try onOrganization.id, try onWorkspace.id])

            let duplicate = try await api.post(world.assignments, ["role_slug": "org-reader"])
            #expect(duplicate.status == .conflict && duplicate.json["code"] == "duplicate_group_role_assignment")
            let wrongType = try await api.post(world.assignments, ["role_slug": "ws-admin"])
            #expect(wrongType.status == .unprocessableContent && wrongType.json["errors"]?[0]?["field"] == "role_slug")
            #expect(try await api.post(world.assignments, ["role_slug": "org-nobody"]).status == .notFound)
            #expect(try await api.post(world.assignments, [:]).status == .unprocessableContent)
            #expect(try await api.post(world.assignments, ["role_slug": "org-reader", "resource_id": "authz_resource_missing"])
                .status == .notFound)
            let unknownGroup = try await api.post("/authorization/groups/group_missing/role_assignments", ["role_slug": "org-reader"])
            #expect(unknownGroup.status == .notFound && unknownGroup.json["message"] == "Group not found: 'group_missing'.")
            #expect(try await api.get("/authorization/groups/group_missing/role_assignments").status == .notFound)
            #expect(try await api.get("\(world.assignments)/gra_missing").status == .notFound)

            // By criteria (no resource: the organization), then by ID.
            #expect(try await api.request(.delete, world.assignments, json: ["role_slug": "org-reader"]).status == .noContent)
            #expect(try await api.request(.delete, world.assignments, json: ["role_slug": "org-reader"]).status == .notFound)
            #expect(try await api.delete("\(world.assignments)/\(try onWorkspace.id)").status == .noContent)
            #expect(try await api.delete("\(world.assignments)/\(try onWorkspace.id)").status == .notFound)
            #expect(try await api.get(world.assignments).json.ids == [])
        }
    }

    @Test func replacingKeepsWhatStaysAndAnswersTheResult() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            let kept = try await api.created(world.assignments, ["role_slug": "org-reader"])
            _ = try await api.created(world.assignments, ["role_slug": "admin"])
            let replaced = try await api.put(world.assignments, ["role_assignments": [
                ["role_slug": "org-reader"],
                ["role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace"],
                ["role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace"],
            ]])
            #expect(replaced.status == .ok && replaced.json["object"] == "list")
            #expect(replaced.json["data"]?[0] == kept && replaced.json["data"]?.arrayValue?.count == 2)
            #expect(replaced.json["data"]?[1]?["role"] == ["slug": "ws-admin"])
            #expect(try await api.get("\(world.assignments)?order=asc").json["data"] == replaced.json["data"])
            // A bad entry changes nothing.
            let refused = try await api.put(world.assignments, ["role_assignments": [["role_slug": "org-reader"], ["role_slug": "org-nobody"]]])
            #expect(refused.status == .notFound)
            #expect(try await api.get("\(world.assignments)?order=asc").json["data"] == replaced.json["data"])
            #expect(try await api.put(world.assignments, [:]).status == .unprocessableContent)
            #expect(try await api.put(world.assignments, ["role_assignments": []]).json["data"] == [])
            #expect(try await world.check("posts:read", on: "organization", world.orgID) == false)
        }
    }

    @Test func membersHoldTheirGroupsRoles() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            #expect(try await world.check("posts:read", on: "organization", world.orgID) == false)
            let groupAssignment = try await api.created(world.assignments, [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ])
            _ = try await api.created(world.assignments, ["role_slug": "org-reader"])
            #expect(try await world.check("ws:edit", on: "workspace", "ws-1"))
            #expect(try await world.check("posts:read", on: "workspace", "ws-1"))
            #expect(try await world.check("ws:edit", on: "organization", world.orgID) == false)

            // A member who joins later holds them too; one outside the group does not.
            let late = try await api.membership(in: world.orgID).id
            let outside = try await api.membership(in: world.orgID).id
            try await world.join(late)
            #expect(try await world.check("ws:edit", on: "workspace", "ws-1", as: late))
            #expect(try await world.check("ws:edit", on: "workspace", "ws-1", as: outside) == false)
            let withEdit = try await api.get("/authorization/organizations/\(world.orgID)/resources/workspace/ws-1/organization_memberships?permission_slug=ws:edit&order=asc").json
            #expect(withEdit.ids == [world.membershipID, late])

            // The membership's own role assignments show where each came from, and cannot be removed there.
            let base = "/authorization/organization_memberships/\(world.membershipID)/role_assignments"
            let held = try await api.get("\(base)?order=asc").json
            let first = try #require(held["data"]?[0])
            #expect(held.ids.count == 2 && held.ids.allSatisfy { $0.hasPrefix("role_assignment_") })
            let source: JSON = ["type": "group", "group_role_assignment_id": .string(try groupAssignment.id),
                                "group": ["id": .string(world.groupID), "name": "Eng"]]
            #expect(first["source"] == source.parsedForm && first["role"] == ["slug": "ws-admin"])
            let removal = try await api.delete("\(base)/\(try first.id)")
            #expect(removal.status == .badRequest && removal.json["code"] == "bad_request")
            let byCriteria = try await api.request(.delete, base, json: [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ])
            #expect(byCriteria.status == .notFound)
            // A direct assignment of the same role sits beside the group's.
            let direct = try await api.created(base, ["role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace"])
            #expect(direct["source"]?["type"] == "direct")

            // The session's `permissions` claim carries what the group grants across the organization.
            let environment = try api.environment
            let membershipID = world.membershipID, orgID = world.orgID
            #expect(try await environment.read { db in
                try AuthorizationAPI.permissions(ofMembership: membershipID, roles: ["member"], in: orgID, db: db)
            } == ["posts:read"])

            // Leaving the group takes what it gave, and only that.
            #expect(try await api.delete("\(world.members)/\(world.membershipID)").status == .noContent)
            #expect(try await world.check("posts:read", on: "organization", world.orgID) == false)
            #expect(try await world.check("ws:edit", on: "workspace", "ws-1"))
            #expect(try await api.get(base).json.ids == [try direct.id])
            #expect(try await environment.read { db in
                try AuthorizationAPI.permissions(ofMembership: membershipID, roles: ["member"], in: orgID, db: db)
            } == [])
            #expect(try await world.check("ws:edit", on: "workspace", "ws-1", as: late))
        }
    }

    @Test func whatAGroupGaveGoesWithItsAssignmentAndWithTheGroup() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            let assignment = try await api.created(world.assignments, ["role_slug": "org-reader"])
            #expect(try await world.check("posts:read", on: "organization", world.orgID))
            #expect(try await api.delete("\(world.assignments)/\(try assignment.id)").status == .noContent)
            #expect(try await world.check("posts:read", on: "organization", world.orgID) == false)
            #expect(try await api.get("/authorization/organization_memberships/\(world.membershipID)/role_assignments").json.ids == [])

            _ = try await api.created(world.assignments, ["role_slug": "org-reader"])
            // The role is held: it stays until the group lets it go.
            let blocked = try await api.delete("/authorization/organizations/\(world.orgID)/roles/org-reader")
            #expect(blocked.status == .conflict && blocked.json["code"] == "role_has_assignments")
            #expect(try await api.delete("/organizations/\(world.orgID)/groups/\(world.groupID)").status == .noContent)
            #expect(try await world.check("posts:read", on: "organization", world.orgID) == false)
            #expect(try await api.get("/authorization/organization_memberships/\(world.membershipID)/role_assignments").json.ids == [])
            #expect(try await api.get(world.assignments).status == .notFound)
            #expect(try await api.get("/user_management/organization_memberships/\(world.membershipID)/groups").json.ids == [])
            #expect(try await api.delete("/authorization/organizations/\(world.orgID)/roles/org-reader").status == .noContent)
        }
    }

    @Test func aResourceAGroupIsAssignedOnGoesOnlyWhenCascaded() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            _ = try await api.created(world.assignments, [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ])
            let workspace = "/authorization/organizations/\(world.orgID)/resources/workspace/ws-1"
            let refused = try await api.delete(workspace)
            #expect(refused.status == .conflict && refused.json["code"] == "resource_has_dependents")
            #expect(try await api.delete("\(workspace)?cascade_delete=true").status == .noContent)
            #expect(try await api.get(world.assignments).json.ids == [])
            #expect(try await api.get("/authorization/organization_memberships/\(world.membershipID)/role_assignments").json.ids == [])
        }
    }

    @Test func deletingAMembershipOrTheOrganizationCascades() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            _ = try await api.created(world.assignments, ["role_slug": "org-reader"])
            let other = try await api.membership(in: world.orgID).id
            try await world.join(other)

            #expect(try await api.delete("/user_management/organization_memberships/\(world.membershipID)").status == .ok)
            #expect(try await api.get(world.members).json.ids == [other])
            let removed = try await api.events("group.member_removed")
            let left: JSON = ["group_id": .string(world.groupID), "organization_membership_id": .string(world.membershipID)]
            #expect(removed.map(\.data) == [left.parsedForm])

            #expect(try await api.delete("/organizations/\(world.orgID)").status.kind == .successful)
            #expect(try await api.get(world.assignments).status == .notFound)
            let deleted = try await api.events("group.deleted")
            #expect(deleted.map { $0.data["id"] } == [.string(world.groupID)] && deleted[0].organizationId == world.orgID)
            #expect(try await api.events("group.member_removed").count == 2)
        }
    }

    @Test func patchingAddsAndRemovesAssignmentsInOneGo() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            let workspace: JSON = ["role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace"]
            let kept = try await api.created(world.assignments, ["role_slug": "org-reader"])
            _ = try await api.created(world.assignments, ["role_slug": "admin"])

            // org-reader is held already and nothing holds `member`: neither changes anything.
            let changed = try await api.patch(world.assignments, [
                "add": [["role_slug": "org-reader"], workspace, workspace], "remove": [["role_slug": "admin"], ["role_slug": "member"]],
            ])
            #expect(changed.status == .noContent)
            let held = try await api.get("\(world.assignments)?order=asc").json
            #expect(held["data"]?[0] == kept && held.ids.count == 2 && held["data"]?[1]?["role"] == ["slug": "ws-admin"])
            // The members hold what was added and lose what was removed.
            #expect(try await world.check("ws:edit", on: "workspace", "ws-1"))
            let derived = try await api.get("/authorization/organization_memberships/\(world.membershipID)/role_assignments?order=asc").json
            #expect(derived["data"]?.arrayValue?.compactMap { $0["role"]?["slug"]?.stringValue } == ["org-reader", "ws-admin"])
            #expect(derived["data"]?[1]?["source"]?["group_role_assignment_id"] == held["data"]?[1]?["id"])

            // Every refusal leaves the assignments as they were: all or nothing.
            let unknownRole = try await api.patch(world.assignments, ["remove": [["role_slug": "org-reader"], ["role_slug": "org-nobody"]]])
            #expect(unknownRole.status == .notFound)
            #expect(try await api.patch(world.assignments, ["remove": [["role_slug": "org-reader", "resource_id": "authz_resource_missing"]]])
                .status == .notFound)
            let wrongType = try await api.patch(world.assignments, ["remove": [["role_slug": "org-reader"]], "add": [["role_slug": "ws-admin"]]])
            #expect(wrongType.status == .unprocessableContent && wrongType.json["errors"]?[0]?["field"] == "role_slug")
            let both = try await api.patch(world.assignments, ["add": [workspace], "remove": [workspace]])
            #expect(both.status == .unprocessableContent && both.json["errors"]?[0]?["field"] == "remove")
            #expect(try await api.patch(world.assignments, [:]).status == .unprocessableContent)
            #expect(try await api.patch(world.assignments, ["add": ["org-reader"]]).status == .unprocessableContent)
            #expect(try await api.patch(world.assignments, ["add": .array(Array(repeating: workspace, count: 101))]).status == .unprocessableContent)
            #expect(try await api.patch("/authorization/groups/group_missing/role_assignments", ["add": [workspace]]).status == .notFound)
            #expect(try await api.get("\(world.assignments)?order=asc").json == held)

            #expect(try await api.patch(world.assignments, ["remove": [["role_slug": "org-reader"], workspace]]).status == .noContent)
            #expect(try await api.get(world.assignments).json.ids == [])
            #expect(try await world.check("ws:edit", on: "workspace", "ws-1") == false)
            #expect(try await api.get("/authorization/organization_memberships/\(world.membershipID)/role_assignments").json.ids == [])
        }
    }

    @Test func membersPatchedIntoAGroupHoldItsRolesUntilPatchedOut() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            _ = try await api.created(world.assignments, ["role_slug": "org-reader"])
            let late = try await api.membership(in: world.orgID).id
            #expect(try await api.patch(world.members, ["add": [.string(late)], "remove": [.string(world.membershipID)]]).status == .noContent)
            #expect(try await world.check("posts:read", on: "organization", world.orgID, as: late))
            #expect(try await world.check("posts:read", on: "organization", world.orgID) == false)
            #expect(try await api.get("/authorization/organization_memberships/\(world.membershipID)/role_assignments").json.ids == [])
            let held = try await api.get("/authorization/organization_memberships/\(late)/role_assignments").json
            #expect(held["data"]?[0]?["source"]?["type"] == "group")
        }
    }
}
