import Authorization
import EmulatorCore
import EmulatorTesting
import Testing

/// The Swift API other areas call: role lookup (memberships) and the permissions of roles (sessions).
@Suite struct AuthorizationAPITests {
    @Test func rolesAndTheirPermissionsInAnOrganization() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            _ = try await api.permission("posts:read")
            _ = try await api.permission("invoices:pay")
            _ = try await api.post("/authorization/roles/member/permissions", ["slug": "posts:read"])
            _ = try await api.created("/authorization/organizations/\(orgID)/roles", ["slug": "org-billing", "name": "Billing"])
            _ = try await api.put("/authorization/organizations/\(orgID)/roles/org-billing/permissions",
                                  ["permissions": ["invoices:pay", "posts:read"]])

            let environment = try api.environment
            let billing = try await environment.read { db in try AuthorizationAPI.role("org-billing", in: orgID, db: db) }
            #expect(billing?.resourceTypeSlug == "organization")
            #expect(try await environment.read { db in try AuthorizationAPI.role("org-billing", in: "org_other", db: db) } == nil)
            #expect(try await environment.read { db in try AuthorizationAPI.role("member", in: "org_other", db: db) }?.slug == "member")
            let granted = try await environment.read { db in
                try AuthorizationAPI.permissions(ofMembership: "om_none", roles: ["member", "org-billing", "gone"], in: orgID, db: db)
            }
            #expect(granted == ["invoices:pay", "posts:read"])
            #expect(try await environment.read { db in try AuthorizationAPI.permissions(ofMembership: "om_none", roles: ["admin"], in: orgID, db: db) } == [])
        }
    }
}
