import EmulatorCore
import EmulatorTesting
import Testing

/// Checks, effective permissions and role assignments of memberships on resources.
@Suite struct AccessTests {
    /// An organization with a workspace `ws-1` holding a project `p-1`, the permissions `posts:read`
    /// (given to `member`) and `ws:edit` (given to the workspace role `ws-admin`), and a member.
    struct World {
        let orgID: String
        let membershipID: String
        let api: APIClient

        init(_ api: APIClient) async throws {
            self.api = api
            orgID = try await api.organization()
            _ = try await api.permission("posts:read")
            _ = try await api.permission("ws:edit", resourceType: "workspace")
            _ = try await api.post("/authorization/roles/member/permissions", ["slug": "posts:read"])
            _ = try await api.created("/authorization/roles", ["slug": "ws-admin", "name": "WS admin", "resource_type_slug": "workspace"])
            _ = try await api.post("/authorization/roles/ws-admin/permissions", ["slug": "ws:edit"])
            _ = try await api.created("/authorization/resources", [
                "external_id": "ws-1", "name": "WS", "resource_type_slug": "workspace", "organization_id": .string(orgID),
            ])
            _ = try await api.created("/authorization/resources", [
                "external_id": "p-1", "name": "P", "resource_type_slug": "project", "organization_id": .string(orgID),
                "parent_resource_external_id": "ws-1", "parent_resource_type_slug": "workspace",
            ])
            membershipID = try await api.membership(in: orgID).id
        }

        var base: String { "/authorization/organization_memberships/\(membershipID)" }

        func check(_ permission: String, on type: String, _ externalID: String) async throws -> JSON {
            let response = try await api.post("\(base)/check", [
                "permission_slug": .string(permission), "resource_type_slug": .string(type),
                "resource_external_id": .string(externalID),
            ])
            guard response.status == .ok else { throw TestFailure("check answered \(response.status): \(response.text)") }
            return response.json
        }
    }

    @Test func organizationRolesHoldEverywhereInTheOrganization() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            #expect(try await world.check("posts:read", on: "organization", world.orgID) == ["authorized": true])
            #expect(try await world.check("posts:read", on: "project", "p-1") == ["authorized": true])
            #expect(try await world.check("ws:edit", on: "workspace", "ws-1") == ["authorized": false])
            let byID = try await api.get("/authorization/organizations/\(world.orgID)/resources/workspace/ws-1").json.id
            let checked = try await api.post("\(world.base)/check", ["permission_slug": "posts:read", "resource_id": .string(byID)])
            #expect(checked.json == ["authorized": true])
        }
    }

    @Test func assignedRolesHoldOnTheResourceAndBelow() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            let assignment = try await api.created("\(world.base)/role_assignments", [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ])
            #expect(try assignment.id.hasPrefix("role_assignment_"))
            #expect(assignment["object"] == "role_assignment" && assignment["role"] == ["slug": "ws-admin"])
            #expect(assignment["organization_membership_id"] == .string(world.membershipID))
            #expect(assignment["resource"]?["external_id"] == "ws-1" && assignment["resource"]?["resource_type_slug"] == "workspace")
            let direct: JSON = ["type": "direct", "group_role_assignment_id": nil, "group": nil]
            #expect(assignment["source"] == direct.parsedForm)
            // Assigning it again answers the same assignment.
            #expect(try await api.created("\(world.base)/role_assignments", [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ]) == assignment)

            #expect(try await world.check("ws:edit", on: "workspace", "ws-1") == ["authorized": true])
            #expect(try await world.check("ws:edit", on: "project", "p-1") == ["authorized": true])
            #expect(try await world.check("ws:edit", on: "organization", world.orgID) == ["authorized": false])
            let effective = try await api.get("\(world.base)/resources/project/p-1/permissions?order=asc").json
            #expect(effective.slugs == ["posts:read", "ws:edit"])
            let onRoot = try await api.get("/authorization/organizations/\(world.orgID)/resources/organization/\(world.orgID)").json
            #expect(try await api.get("\(world.base)/resources/\(try onRoot.id)/permissions").json.slugs == ["posts:read"])

            let listed = try await api.get("\(world.base)/role_assignments").json
            #expect(listed["data"] == [assignment])
            #expect(try await api.get("\(world.base)/role_assignments?resource_external_id=p-1&resource_type_slug=project").json["data"] == [])

            #expect(try await api.request(.delete, "\(world.base)/role_assignments", json: [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ]).status == .noContent)
            #expect(try await world.check("ws:edit", on: "workspace", "ws-1") == ["authorized": false])
            let again = try await api.created("\(world.base)/role_assignments", [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ])
            #expect(try await api.delete("\(world.base)/role_assignments/\(try again.id)").status == .noContent)
            #expect(try await api.delete("\(world.base)/role_assignments/\(try again.id)").status == .notFound)
        }
    }

    @Test func discoveryAnswersWhoCanDoWhatWhere() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            _ = try await api.created("/authorization/resources", [
                "external_id": "ws-2", "name": "WS 2", "resource_type_slug": "workspace", "organization_id": .string(world.orgID),
            ])
            let assignment = try await api.created("\(world.base)/role_assignments", [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ])
            let bystander = try await api.membership(in: world.orgID).id

            func externalIDs(_ query: String) async throws -> [String] {
                let response = try await api.get("\(world.base)/resources?order=asc&\(query)")
                #expect(response.status == .ok, "\(response.text)")
                return response.json["data"]?.arrayValue?.compactMap { $0["external_id"]?.stringValue } ?? []
            }
            let underOrg = "parent_resource_type_slug=organization&parent_resource_external_id=\(world.orgID)"
            #expect(try await externalIDs("permission_slug=ws:edit&\(underOrg)") == ["ws-1"])
            #expect(try await externalIDs("permission_slug=posts:read&\(underOrg)") == ["ws-1", "ws-2"])
            #expect(try await externalIDs("permission_slug=ws:edit&parent_resource_type_slug=workspace&parent_resource_external_id=ws-1") == ["p-1"])
            #expect(try await api.get("\(world.base)/resources?permission_slug=ws:edit").status == .unprocessableContent)

            let onWorkspace = "/authorization/organizations/\(world.orgID)/resources/workspace/ws-1"
            #expect(try await api.get("\(onWorkspace)/role_assignments").json["data"] == [assignment])
            #expect(try await api.get("\(onWorkspace)/role_assignments?role_slug=member").json["data"] == [])
            let projectID = try await api.get("/authorization/organizations/\(world.orgID)/resources/project/p-1").json.id
            #expect(try await api.get("/authorization/resources/\(projectID)/role_assignments").json["data"] == [])

            func memberIDs(_ path: String) async throws -> [String] {
                let response = try await api.get(path)
                #expect(response.status == .ok, "\(response.text)")
                return response.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            }
            let onProject = "/authorization/resources/\(projectID)/organization_memberships?order=asc"
            #expect(try await memberIDs("\(onProject)&permission_slug=ws:edit") == [world.membershipID])
            #expect(try await memberIDs("\(onProject)&permission_slug=ws:edit&assignment=direct") == [])
            #expect(try await memberIDs("\(onWorkspace)/organization_memberships?permission_slug=ws:edit&assignment=direct")
                    == [world.membershipID])
            #expect(try await memberIDs("\(onProject)&permission_slug=posts:read") == [world.membershipID, bystander])
            let listed = try await api.get("\(onProject)&permission_slug=ws:edit").json["data"]?.arrayValue?.first
            #expect(listed?["user"]?["object"] == "user" && listed?["status"] == "active")
            #expect(try await api.get("\(onProject)").status == .unprocessableContent)
            #expect(try await api.get("\(onProject)&permission_slug=ws:edit&assignment=sideways").status == .unprocessableContent)
        }
    }

    @Test func onlyAnActiveMembershipIsAuthorized() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            _ = try await api.put("/user_management/organization_memberships/\(world.membershipID)/deactivate", [:])
            #expect(try await world.check("posts:read", on: "organization", world.orgID) == ["authorized": false])
        }
    }

    @Test func assignmentsAndAssignedRolesFollowTheirMembership() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            _ = try await api.created("\(world.base)/role_assignments", [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ])
            // An assigned role cannot be deleted; a custom one shows it.
            let base = "/authorization/organizations/\(world.orgID)/roles"
            _ = try await api.created(base, ["slug": "org-ws-lead", "name": "Lead", "resource_type_slug": "workspace"])
            _ = try await api.created("\(world.base)/role_assignments", [
                "role_slug": "org-ws-lead", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ])
            #expect(try await api.delete("\(base)/org-ws-lead").json["code"] == "role_has_assignments")

            _ = try await api.delete("/user_management/organization_memberships/\(world.membershipID)")
            #expect(try await api.delete("\(base)/org-ws-lead").status == .noContent)
            #expect(try await api.delete("/authorization/resources/\(try await api.get("/authorization/organizations/\(world.orgID)/resources/workspace/ws-1").json.id)").status
                    == .conflict)  // p-1 is still its child
        }
    }

    @Test func errors() async throws {
        try await TestEmulator.run { api in
            let world = try await World(api)
            let missing = try await api.post("/authorization/organization_memberships/om_missing/check", [
                "permission_slug": "posts:read", "resource_id": "authz_resource_x",
            ])
            #expect(missing.status == .notFound && missing.json["message"] == "Organization Membership not found: 'om_missing'.")
            #expect(try await api.post("\(world.base)/check", ["permission_slug": "posts:read"]).status == .unprocessableContent)
            #expect(try await api.post("\(world.base)/check", ["resource_id": "authz_resource_x"]).status == .unprocessableContent)
            #expect(try await api.post("\(world.base)/check", [
                "permission_slug": "posts:read", "resource_id": "authz_resource_x", "resource_type_slug": "workspace",
            ]).status == .unprocessableContent)
            #expect(try await api.post("\(world.base)/check", [
                "permission_slug": "posts:read", "resource_external_id": "nope", "resource_type_slug": "workspace",
            ]).status == .notFound)
            // A resource of another organization is not found from this membership.
            let otherID = try await api.organization("Other")
            let foreign = try await api.get("/authorization/organizations/\(otherID)/resources/organization/\(otherID)").json.id
            #expect(try await api.post("\(world.base)/check", ["permission_slug": "posts:read", "resource_id": .string(foreign)]).status
                    == .notFound)

            let wrongScope = try await api.post("\(world.base)/role_assignments", [
                "role_slug": "ws-admin", "resource_external_id": "p-1", "resource_type_slug": "project",
            ])
            #expect(wrongScope.status == .unprocessableContent)
            #expect(try await api.post("\(world.base)/role_assignments", [
                "role_slug": "nope", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ]).status == .notFound)
            #expect(try await api.request(.delete, "\(world.base)/role_assignments", json: [
                "role_slug": "ws-admin", "resource_external_id": "ws-1", "resource_type_slug": "workspace",
            ]).status == .notFound)
        }
    }
}
