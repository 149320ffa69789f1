import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct OrganizationRolesTests {
    @Test func customRolesLiveBesideTheEnvironmentRoles() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let otherID = try await api.organization("Other")
            let base = "/authorization/organizations/\(orgID)/roles"
            let created = try await api.created(base, ["slug": "org-billing", "name": "Billing", "description": nil])
            #expect(created["type"] == "OrganizationRole" && created["slug"] == "org-billing" && created["description"] == .null)
            #expect(try await api.get(base).json.slugs == ["member", "admin", "org-billing"])
            #expect(try await api.get("\(base)/org-billing").json == created)
            #expect(try await api.get("\(base)/admin").json["type"] == "EnvironmentRole")
            // Another organization neither sees the role nor is kept from a role of the same slug.
            #expect(try await api.get("/authorization/organizations/\(otherID)/roles/org-billing").status == .notFound)
            _ = try await api.created("/authorization/organizations/\(otherID)/roles", ["slug": "org-billing", "name": "Billing"])

            let event = try #require(try await api.events("organization_role.created").first)
            #expect(event.organizationId == orgID)
            let expected: JSON = [
                "object": "organization_role", "organization_id": .string(orgID), "slug": "org-billing", "name": "Billing",
                "description": nil, "resource_type_slug": "organization", "permissions": [],
                "created_at": created["created_at"]!, "updated_at": created["updated_at"]!,
            ]
            #expect(event.data == expected.parsedForm)
        }
    }

    @Test func aSlugIsMadeFromTheNameWhenNoneIsGiven() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let created = try await api.created("/authorization/organizations/\(orgID)/roles", ["name": "Billing Admin!"])
            let slug = try #require(created["slug"]?.stringValue)
            #expect(slug.hasPrefix("org-billing-admin-") && slug.count == "org-billing-admin-".count + 6)
        }
    }

    @Test func updateAndPermissionsEmitOrganizationRoleUpdated() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let base = "/authorization/organizations/\(orgID)/roles"
            _ = try await api.permission("invoices:read")
            _ = try await api.permission("invoices:pay")
            _ = try await api.created(base, ["slug": "org-billing", "name": "Billing"])

            #expect(try await api.patch("\(base)/org-billing", ["description": "Pays"]).json["description"] == "Pays")
            #expect(try await api.post("\(base)/org-billing/permissions", ["slug": "invoices:read"]).json["permissions"] == ["invoices:read"])
            let set = try await api.put("\(base)/org-billing/permissions", ["permissions": ["invoices:read", "invoices:pay"]])
            #expect(set.json["permissions"] == ["invoices:read", "invoices:pay"])
            let removed = try await api.delete("\(base)/org-billing/permissions/invoices:read")
            #expect(removed.status == .ok && removed.json["permissions"] == ["invoices:pay"])
            let again = try await api.delete("\(base)/org-billing/permissions/invoices:read")
            #expect(again.status == .notFound)
            #expect(try await api.events("organization_role.updated").count == 4)
        }
    }

    @Test func environmentRolesAreReadOnlyHere() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let base = "/authorization/organizations/\(orgID)/roles"
            for response in [
                try await api.patch("\(base)/member", ["name": "X"]),
                try await api.delete("\(base)/member"),
                try await api.post("\(base)/member/permissions", ["slug": "x"]),
            ] {
                #expect(response.status == .badRequest && response.json["code"] == "bad_request")
            }
        }
    }

    @Test func errors() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let base = "/authorization/organizations/\(orgID)/roles"
            #expect(try await api.get("/authorization/organizations/org_missing/roles").json["message"]
                    == "Organization not found: 'org_missing'.")
            #expect(try await api.post("/authorization/organizations/org_missing/roles", ["name": "X"]).status == .notFound)
            let prefix = try await api.post(base, ["slug": "billing", "name": "Billing"])
            #expect(prefix.status == .unprocessableContent && prefix.json["errors"]?.arrayValue?.first?["field"] == "slug")
            #expect(try await api.post(base, ["slug": "org-x"]).status == .unprocessableContent)

            _ = try await api.created(base, ["slug": "org-billing", "name": "Billing"])
            let taken = try await api.post(base, ["slug": "org-billing", "name": "Again"])
            #expect(taken.status == .conflict && taken.json["code"] == "organization_role_slug_conflict")
            // An environment role's slug is taken in every organization, and the other way round.
            _ = try await api.created("/authorization/roles", ["slug": "org-everyone", "name": "Everyone"])
            #expect(try await api.post(base, ["slug": "org-everyone", "name": "Mine"]).json["code"] == "organization_role_slug_conflict")
            #expect(try await api.post("/authorization/roles", ["slug": "org-billing", "name": "Env"]).json["code"] == "role_slug_conflict")
            #expect(try await api.get("\(base)/org-nope").status == .notFound)
            #expect(try await api.delete("\(base)/org-nope").status == .notFound)
        }
    }

    @Test func deletingARoleInUseIsRefused() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let base = "/authorization/organizations/\(orgID)/roles"
            _ = try await api.created(base, ["slug": "org-billing", "name": "Billing"])
            let membership = try await api.membership(in: orgID, ["role_slug": "org-billing"])

            let held = try await api.delete("\(base)/org-billing")
            #expect(held.status == .conflict && held.json["code"] == "role_has_assignments")
            _ = try await api.put("/user_management/organization_memberships/\(try membership.id)", ["role_slug": "member"])
            // A pending invitation holds its role too, until it is revoked.
            let invitation = try await api.created("/user_management/invitations", [
                "email": "later@example.com", "organization_id": .string(orgID), "role_slug": "org-billing",
            ])
            #expect(try await api.delete("\(base)/org-billing").json["code"] == "role_has_assignments")
            _ = try await api.post("/user_management/invitations/\(try invitation.id)/revoke")
            #expect(try await api.delete("\(base)/org-billing").status == .noContent)
            #expect(try await api.get("\(base)/org-billing").status == .notFound)
            #expect(try await api.events("organization_role.").map(\.event) == ["organization_role.created", "organization_role.deleted"])
        }
    }

    @Test func customRolesGoWithTheirOrganization() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            _ = try await api.created("/authorization/organizations/\(orgID)/roles", ["slug": "org-billing", "name": "Billing"])
            _ = try await api.membership(in: orgID, ["role_slug": "org-billing"])
            #expect(try await api.delete("/organizations/\(orgID)").status == .accepted)
            let deleted = try await api.events("organization_role.deleted")
            #expect(deleted.map { $0.data["slug"] } == ["org-billing"])
            #expect(try await api.get("/authorization/resources?organization_id=\(orgID)").json["data"] == [])
        }
    }
}
