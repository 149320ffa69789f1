import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct MembershipsTests {
    @Test func createEmbedsTheUserAndTheRoles() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("member@example.com", ["first_name": "Mel"])
            let orgID = try await api.organization("Acme Corp")
            let membership = try await api.membership(user: try user.id, organization: orgID)
            #expect(try membership.id.hasPrefix("om_"))
            #expect(membership["object"] == "organization_membership")
            #expect(membership["status"] == "active")
            #expect(membership["organization_name"] == "Acme Corp")
            #expect(membership["directory_managed"] == false)
            #expect(membership["custom_attributes"] == [:])
            #expect(membership["role"] == ["slug": "member"])
            #expect(membership["roles"] == [["slug": "member"]])
            #expect(membership["user"] == user)
            #expect(try await api.get("/user_management/organization_memberships/\(try membership.id)").json == membership)

            let event = try await api.environment.read { db in try Event.fetchAll(db).last }
            #expect(event?.event == "organization_membership.created")
            #expect(event?.data["user"] == nil && event?.data["role"] == ["slug": "member"])
            #expect(event?.organizationId == orgID)
        }
    }

    @Test func rolesComeFromRoleSlugOrRoleSlugs() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            for slug in ["billing", "viewer"] {  // environment roles besides the built-in member and admin
                _ = try await api.post("/authorization/roles", ["slug": .string(slug), "name": .string(slug.capitalized)])
            }
            let admin = try await api.membership(user: try await api.user("a@example.com").id, organization: orgID,
                                                 ["role_slug": "admin"])
            #expect(admin["role"] == ["slug": "admin"])
            let several = try await api.membership(user: try await api.user("b@example.com").id, organization: orgID,
                                                   ["role_slugs": ["billing", "admin", "billing"]])
            #expect(several["role"] == ["slug": "billing"])
            #expect(several["roles"] == [["slug": "billing"], ["slug": "admin"]])

            let both = try await api.post("/user_management/organization_memberships", [
                "user_id": .string(try await api.user("c@example.com").id), "organization_id": .string(orgID),
                "role_slug": "admin", "role_slugs": ["admin"],
            ])
            #expect(both.status == .unprocessableContent)
            #expect(both.json["code"] == "invalid_request_parameters")

            let updated = try await api.put("/user_management/organization_memberships/\(try admin.id)", ["role_slugs": ["viewer"]])
            #expect(updated.json["role"] == ["slug": "viewer"] && updated.json["roles"] == [["slug": "viewer"]])
            let untouched = try await api.put("/user_management/organization_memberships/\(try admin.id)", [:])
            #expect(untouched.json == updated.json)
            #expect(try await api.events("organization_membership.updated") == ["organization_membership.updated"])
        }
    }

    @Test func createNeedsAnExistingUserAndOrganization() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("u@example.com")
            let orgID = try await api.organization()
            let noOrg = try await api.post("/user_management/organization_memberships",
                                           ["user_id": .string(try user.id), "organization_id": "org_missing"])
            #expect(noOrg.status == .notFound)
            #expect(noOrg.json["message"] == "Organization not found: 'org_missing'.")
            let noUser = try await api.post("/user_management/organization_memberships",
                                            ["user_id": "user_missing", "organization_id": .string(orgID)])
            #expect(noUser.status == .notFound)
            let missingField = try await api.post("/user_management/organization_memberships", ["user_id": .string(try user.id)])
            #expect(missingField.status == .unprocessableContent)

            _ = try await api.membership(user: try user.id, organization: orgID)
            let again = try await api.post("/user_management/organization_memberships",
                                           ["user_id": .string(try user.id), "organization_id": .string(orgID)])
            #expect(again.status == .conflict)
            #expect(again.json["code"] == "organization_membership_already_exists")
        }
    }

    @Test func statusTransitions() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("t@example.com")
            let orgID = try await api.organization()
            let membership = try await api.membership(user: try user.id, organization: orgID)
            let path = "/user_management/organization_memberships/\(try membership.id)"

            #expect(try await api.put("\(path)/reactivate", [:]).json["status"] == "active")
            #expect(try await api.put("\(path)/deactivate", [:]).json["status"] == "inactive")
            #expect(try await api.put("\(path)/deactivate", [:]).json["status"] == "inactive")
            // No-ops emit nothing: one event for the one real change.
            #expect(try await api.events("organization_membership.updated") == ["organization_membership.updated"])

            // Creating again brings an inactive membership back, same ID, with the roles asked for.
            let revived = try await api.membership(user: try user.id, organization: orgID, ["role_slug": "admin"])
            #expect(try revived.id == (try membership.id))
            #expect(revived["status"] == "active" && revived["role"] == ["slug": "admin"])
            _ = try await api.put("\(path)/deactivate", [:])
            let reactivated = try await api.put("\(path)/reactivate", [:]).json
            #expect(reactivated["status"] == "active" && reactivated["role"] == ["slug": "admin"])
        }
    }

    @Test func aPendingMembershipCannotBeMovedButCanBeDeleted() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("invitee@example.com")
            let orgID = try await api.organization()
            _ = try await api.post("/user_management/invitations", ["email": "invitee@example.com", "organization_id": .string(orgID)])
            let listed = try await api.get("/user_management/organization_memberships?user_id=\(try user.id)&statuses=pending").json
            let pending = try #require(listed["data"]?.arrayValue?.first)
            #expect(pending["status"] == "pending")
            let path = "/user_management/organization_memberships/\(try pending.id)"

            let deactivate = try await api.put("\(path)/deactivate", [:])
            #expect(deactivate.status == .badRequest)
            #expect(deactivate.json["code"] == "cannot_deactivate_pending_organization_membership")
            let reactivate = try await api.put("\(path)/reactivate", [:])
            #expect(reactivate.json["code"] == "cannot_reactivate_pending_organization_membership")
            let create = try await api.post("/user_management/organization_memberships",
                                            ["user_id": .string(try user.id), "organization_id": .string(orgID)])
            #expect(create.status == .badRequest)
            #expect(create.json["code"] == "cannot_reactivate_pending_organization_membership")

            #expect(try await api.delete(path).status == .ok)
            #expect(try await api.get(path).status == .notFound)
            #expect(try await api.events("organization_membership.") == ["organization_membership.created", "organization_membership.deleted"])
        }
    }

    @Test func listNeedsAFilterAndShowsActiveOnesByDefault() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let otherOrgID = try await api.organization("Other")
            let first = try await api.user("one@example.com")
            let second = try await api.user("two@example.com")
            let active = try await api.membership(user: try first.id, organization: orgID)
            let inactive = try await api.membership(user: try second.id, organization: orgID)
            _ = try await api.put("/user_management/organization_memberships/\(try inactive.id)/deactivate", [:])
            let elsewhere = try await api.membership(user: try first.id, organization: otherOrgID)

            func ids(_ query: String) async throws -> [String] {
                let list = try await api.get("/user_management/organization_memberships?\(query)&order=asc")
                #expect(list.status == .ok)
                return list.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            }
            #expect(try await ids("organization_id=\(orgID)") == [try active.id])
            #expect(try await ids("organization_id=\(orgID)&statuses=active,inactive") == [try active.id, try inactive.id])
            #expect(try await ids("organization_id=\(orgID)&statuses=inactive") == [try inactive.id])
            #expect(try await ids("user_id=\(try first.id)") == [try active.id, try elsewhere.id])
            #expect(try await ids("user_id=\(try first.id)&organization_id=\(otherOrgID)") == [try elsewhere.id])

            let listed = try await api.get("/user_management/organization_memberships?organization_id=\(orgID)").json
            #expect(listed["data"]?.arrayValue?.first?["user"]?["email"] == "one@example.com")

            let unfiltered = try await api.get("/user_management/organization_memberships")
            #expect(unfiltered.status == .badRequest)
            #expect(unfiltered.json["code"] == "missing_user_id_or_organization_id")
            let badStatus = try await api.get("/user_management/organization_memberships?organization_id=\(orgID)&statuses=gone")
            #expect(badStatus.status == .badRequest)
            #expect(badStatus.json["code"] == "invalid_request_parameters")
            #expect(try await api.get("/user_management/organization_memberships?organization_id=org_missing").status == .notFound)
        }
    }

    @Test func membershipsLeaveWithTheirOrganization() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let keptOrgID = try await api.organization("Kept")
            let user = try await api.user("stays@example.com")
            let doomed = try await api.membership(user: try user.id, organization: orgID)
            let kept = try await api.membership(user: try user.id, organization: keptOrgID)
            #expect(try await api.delete("/organizations/\(orgID)").status == .accepted)
            #expect(try await api.get("/user_management/organization_memberships/\(try doomed.id)").status == .notFound)
            #expect(try await api.get("/user_management/organization_memberships/\(try kept.id)").status == .ok)
            #expect(try await api.get("/user_management/users/\(try user.id)").status == .ok)
            #expect(try await api.events("organization").suffix(2) == ["organization.deleted", "organization_membership.deleted"])
        }
    }
}
