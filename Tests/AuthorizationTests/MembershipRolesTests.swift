import EmulatorCore
import EmulatorTesting
import Testing

/// The roles memberships and invitations may name: those of the environment and of the organization.
@Suite struct MembershipRolesTests {
    @Test func anUnknownRoleIsRefusedOnCreateAndUpdate() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let user = try await api.created("/user_management/users", ["email": "ann@example.com"])
            let unknown = try await api.post("/user_management/organization_memberships", [
                "user_id": .string(try user.id), "organization_id": .string(orgID), "role_slug": "owner",
            ])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.json == ["code": "invalid_role", "message": "Role 'owner' is not a valid role."])
            let oneUnknown = try await api.post("/user_management/organization_memberships", [
                "user_id": .string(try user.id), "organization_id": .string(orgID), "role_slugs": ["admin", "owner"],
            ])
            #expect(oneUnknown.json["code"] == "invalid_role")

            let membership = try await api.membership(in: orgID)
            #expect(membership["role"] == ["slug": "member"])
            let update = try await api.put("/user_management/organization_memberships/\(try membership.id)", ["role_slug": "owner"])
            #expect(update.status == .unprocessableContent && update.json["code"] == "invalid_role")
            #expect(try await api.get("/user_management/organization_memberships/\(try membership.id)").json["role"] == ["slug": "member"])
        }
    }

    @Test func customRolesServeTheirOwnOrganizationOnly() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let otherID = try await api.organization("Other")
            _ = try await api.created("/authorization/organizations/\(orgID)/roles", ["slug": "org-billing", "name": "Billing"])
            let billing = try await api.membership(in: orgID, ["role_slugs": ["org-billing", "admin"]])
            #expect(billing["roles"] == [["slug": "org-billing"], ["slug": "admin"]])
            let elsewhere = try await api.post("/user_management/organization_memberships", [
                "user_id": billing["user_id"]!, "organization_id": .string(otherID),
                "role_slug": "org-billing",
            ])
            #expect(elsewhere.json["code"] == "invalid_role")
        }
    }

    @Test func aRoleScopedToAnotherResourceTypeIsNotAMembershipRole() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            _ = try await api.created("/authorization/roles", ["slug": "workspace-admin", "name": "WA", "resource_type_slug": "workspace"])
            let refused = try await api.post("/user_management/organization_memberships", [
                "user_id": .string(try await api.created("/user_management/users", ["email": "w@example.com"]).id),
                "organization_id": .string(orgID), "role_slug": "workspace-admin",
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.json["code"] == "sub_resource_scoped_role_not_allowed" && refused.json["role_slug"] == "workspace-admin")
        }
    }

    @Test func invitationsRefuseAnUnknownRoleWithA400() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let refused = try await api.post("/user_management/invitations", [
                "email": "new@example.com", "organization_id": .string(orgID), "role_slug": "owner",
            ])
            #expect(refused.status == .badRequest && refused.json["code"] == "invalid_role")
            _ = try await api.created("/user_management/invitations", [
                "email": "new@example.com", "organization_id": .string(orgID), "role_slug": "admin",
            ])
        }
    }
}
