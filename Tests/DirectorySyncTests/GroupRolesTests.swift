import EmulatorCore
import EmulatorTesting
import Testing

/// Group → role mappings decide directory users' roles, and their memberships' roles follow.
@Suite struct GroupRolesTests {
    @Test func aUsersRoleFollowsItsGroupsAndItsMembershipFollowsIt() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let mapped = try await api.request(.patch, "/_emulator/directories/\(directory.id)", json: [
                "group_roles": [["group": "Admins", "role": "admin"], ["group": "Staff", "role": "member"]],
            ])
            #expect(mapped.status == .ok, "\(mapped.text)")
            #expect(mapped.json["group_roles"] == [["group": "Admins", "role": "admin"], ["group": "Staff", "role": "member"]])

            // The identity provider pushes a user, then a group with it as a member.
            let user = try await directory.scim(api, .post, "/Users", SCIMUsersTests.alice).json
            let userID = try #require(user["id"]?.stringValue)
            #expect(try await api.get("/directory_users/\(userID)").json["role"] == ["slug": "member"])
            let group = try await directory.scim(api, .post, "/Groups", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "admins",
                "members": [["value": .string(userID)]],
            ])
            #expect(group.status == .created, "\(group.text)")
            let groupID = try #require(group.json["id"]?.stringValue)

            let promoted = try await api.get("/directory_users/\(userID)").json
            #expect(promoted["role"] == ["slug": "admin"])
            #expect(promoted["roles"] == [["slug": "admin"]])
            let updated = try #require(try await DirectoryFixture.events(api, "dsync.user.updated").last)
            #expect(updated["role"] == ["slug": "admin"])
            #expect(updated["previous_attributes"]?["role"] == ["slug": "member"])
            let membership = try #require(try await DirectoryProvisioningTests.memberships(api, directory.organizationID).first)
            #expect(membership["role"] == ["slug": "admin"])
            #expect(try await DirectoryFixture.events(api, "organization_membership.updated").last?["role"] == ["slug": "admin"])

            // Out of the group: back to the default role, and so is the membership.
            let removal: JSON = ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                                 "Operations": [["op": "remove", "path": .string("members[value eq \"\(userID)\"]")]]]
            #expect(try await directory.scim(api, .patch, "/Groups/\(groupID)", removal).status == .ok)
            #expect(try await api.get("/directory_users/\(userID)").json["role"] == ["slug": "member"])
            #expect(try await DirectoryProvisioningTests.memberships(api, directory.organizationID).first?["role"] == ["slug": "member"])
        }
    }

    @Test func priorityNestingAndMappingChanges() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            _ = try await api.post("/authorization/organizations/\(directory.organizationID)/roles",
                                   ["slug": "org-billing", "name": "Billing"])
            let outer = try #require(try await api.post("/_emulator/directories/\(directory.id)/groups", ["name": "Engineering"])
                .json["id"]?.stringValue)
            let inner = try #require(try await api.post("/_emulator/directories/\(directory.id)/groups",
                                                        ["name": "Platform"]).json["id"]?.stringValue)
            let user = try #require(try await api.post("/_emulator/directories/\(directory.id)/users", [
                "email": "grace@acme.com", "groups": .strings([inner]), "roles": ["admin"],
            ]).json["id"]?.stringValue)
            // No mappings yet: the scripted roles stand.
            #expect(try await api.get("/directory_users/\(user)").json["role"] == ["slug": "admin"])

            _ = try await api.request(.patch, "/_emulator/directories/\(directory.id)", json: [
                "group_roles": [["group": "engineering", "role": "org-billing"], ["group": "Platform", "role": "admin"]],
            ])
            // Platform is nested in nothing yet: only its own mapping applies.
            #expect(try await api.get("/directory_users/\(user)").json["roles"] == [["slug": "admin"]])
            // Nesting Platform in Engineering reaches its members; the first mapping has priority.
            #expect(try await api.request(.put, "/_emulator/directory_groups/\(outer)/members/\(inner)").status == .noContent)
            let nested = try await api.get("/directory_users/\(user)").json
            #expect(nested["role"] == ["slug": "org-billing"])
            #expect(nested["roles"] == [["slug": "org-billing"], ["slug": "admin"]])
            let membership = try #require(try await DirectoryProvisioningTests.memberships(api, directory.organizationID).first)
            #expect(membership["roles"] == [["slug": "org-billing"], ["slug": "admin"]])

            // Renaming a group out of its mapping changes the role too.
            #expect(try await api.request(.patch, "/_emulator/directory_groups/\(outer)", json: ["name": "R&D"]).status == .ok)
            #expect(try await api.get("/directory_users/\(user)").json["roles"] == [["slug": "admin"]])

            let unknown = try await api.request(.patch, "/_emulator/directories/\(directory.id)", json: [
                "group_roles": [["group": "Platform", "role": "astronaut"]],
            ])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.json["code"] == "invalid_role")
        }
    }

    @Test func aMembershipFallsBackToTheDefaultRoleForRolesTheOrganizationLacks() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            // Scripted roles are not checked against the organization; the membership keeps only real ones.
            _ = try await api.post("/_emulator/directories/\(directory.id)/users", ["email": "heidi@acme.com", "roles": ["astronaut"]])
            let membership = try #require(try await DirectoryProvisioningTests.memberships(api, directory.organizationID).first)
            #expect(membership["role"] == ["slug": "member"])
        }
    }
}
