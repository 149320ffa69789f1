import EmulatorCore
import EmulatorTesting
import Testing

/// Directory users of an organization's directory become AuthKit users with directory-managed
/// memberships that follow them.
@Suite struct DirectoryProvisioningTests {
    static let every = "statuses=active,inactive,pending"

    static func memberships(_ api: APIClient, _ organizationID: String) async throws -> [JSON] {
        try #require(try await api.get("/user_management/organization_memberships?organization_id=\(organizationID)&\(every)")
            .json["data"]?.arrayValue)
    }

    @Test func aSCIMUserBecomesAUserWithADirectoryManagedMembership() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let created = try await directory.scim(api, .post, "/Users", SCIMUsersTests.alice)
            #expect(created.status == .created)
            let directoryUserID = try #require(created.json["id"]?.stringValue)

            let membership = try #require(try await Self.memberships(api, directory.organizationID).first)
            #expect(membership["directory_managed"] == true)
            #expect(membership["status"] == "active")
            #expect(membership["role"] == ["slug": "member"])
            #expect(membership["custom_attributes"]?["department"] == "R&D")
            #expect(membership["custom_attributes"]?["employee_number"] == "42")
            #expect(membership["custom_attributes"]?["job_title"] == "Engineer")
            #expect(membership["user"]?["email"] == "alice@acme.com")
            #expect(membership["user"]?["first_name"] == "Alice")
            #expect(try await DirectoryFixture.events(api, "user.created").count == 1)
            let announced = try #require(try await DirectoryFixture.events(api, "organization_membership.created").first)
            #expect(announced["directory_managed"] == true)
            let membershipID = try #require(membership["id"]?.stringValue)

            // SCIM deactivation: inactive; reactivation: active again. Each is an update of the same membership.
            let off: JSON = ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                             "Operations": [["op": "replace", "path": "active", "value": false]]]
            #expect(try await directory.scim(api, .patch, "/Users/\(directoryUserID)", off).status == .ok)
            #expect(try await api.get("/user_management/organization_memberships/\(membershipID)").json["status"] == "inactive")
            let on: JSON = ["schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                            "Operations": [["op": "replace", "path": "active", "value": true]]]
            #expect(try await directory.scim(api, .patch, "/Users/\(directoryUserID)", on).status == .ok)
            #expect(try await api.get("/user_management/organization_memberships/\(membershipID)").json["status"] == "active")
            let updates = try await DirectoryFixture.events(api, "organization_membership.updated").map { $0["status"] }
            #expect(updates == ["inactive", "active"])

            // Deleting the directory user deletes the membership; the user stays.
            #expect(try await directory.scim(api, .delete, "/Users/\(directoryUserID)").status == .noContent)
            #expect(try await api.get("/user_management/organization_memberships/\(membershipID)").status == .notFound)
            #expect(try await DirectoryFixture.events(api, "organization_membership.deleted").map { $0["id"] } == [.string(membershipID)])
            let userID = try #require(membership["user_id"]?.stringValue)
            #expect(try await api.get("/user_management/users/\(userID)").status == .ok)
        }
    }

    @Test func scriptedChangesFollowTheSameLifecycle() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            // An existing user with that address is matched, not duplicated; the directory's names win.
            let user = try await api.post("/user_management/users", ["email": "Bob@Acme.com", "first_name": "Robert"]).json
            let userID = try #require(user["id"]?.stringValue)
            let created = try await api.post("/_emulator/directories/\(directory.id)/users",
                                             ["email": "bob@acme.com", "first_name": "Bob", "state": "suspended"])
            let directoryUserID = try #require(created.json["id"]?.stringValue)
            // A suspended user is not provisioned.
            #expect(try await Self.memberships(api, directory.organizationID).isEmpty)

            _ = try await api.request(.patch, "/_emulator/directory_users/\(directoryUserID)", json: ["state": "active"])
            let membership = try #require(try await Self.memberships(api, directory.organizationID).first)
            #expect(membership["user_id"] == .string(userID))
            #expect(membership["directory_managed"] == true)
            #expect(membership["status"] == "active")
            #expect(try await api.get("/user_management/users/\(userID)").json["first_name"] == "Bob")
            #expect(try await DirectoryFixture.events(api, "user.created").count == 1)

            _ = try await api.request(.patch, "/_emulator/directory_users/\(directoryUserID)", json: ["state": "inactive"])
            #expect(try await Self.memberships(api, directory.organizationID).first?["status"] == "inactive")
            _ = try await api.request(.patch, "/_emulator/directory_users/\(directoryUserID)", json: ["state": "active"])
            #expect(try await Self.memberships(api, directory.organizationID).first?["status"] == "active")

            #expect(try await api.delete("/_emulator/directory_users/\(directoryUserID)").status == .noContent)
            #expect(try await Self.memberships(api, directory.organizationID).isEmpty)
        }
    }

    @Test func anExistingMembershipIsTakenOverAndOthersStayUnmanaged() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let carol = try #require(try await api.post("/user_management/users", ["email": "carol@acme.com"]).json["id"]?.stringValue)
            let dave = try #require(try await api.post("/user_management/users", ["email": "dave@acme.com"]).json["id"]?.stringValue)
            let manual = try await api.post("/user_management/organization_memberships", [
                "user_id": .string(carol), "organization_id": .string(directory.organizationID), "role_slug": "admin",
            ]).json
            #expect(manual["directory_managed"] == false)
            let other = try await api.post("/user_management/organization_memberships", [
                "user_id": .string(dave), "organization_id": .string(directory.organizationID),
            ]).json
            #expect(other["directory_managed"] == false)

            _ = try await api.post("/_emulator/directories/\(directory.id)/users", ["email": "carol@acme.com"])
            let taken = try await api.get("/user_management/organization_memberships/\(manual["id"]!.stringValue!)").json
            #expect(taken["directory_managed"] == true)
            // The directory gives no role, so the default one replaces the manual one.
            #expect(taken["roles"] == [["slug": "member"]])
            #expect(try await api.get("/user_management/organization_memberships/\(other["id"]!.stringValue!)")
                .json["directory_managed"] == false)
        }
    }

    static func invitations(_ api: APIClient, _ email: String) async throws -> [JSON] {
        try #require(try await api.get("/user_management/invitations?email=\(email)&order=asc").json["data"]?.arrayValue)
    }

    static func invitationEmails(_ api: APIClient, _ email: String) async throws -> [JSON] {
        try #require(try await api.get("/_emulator/outbox?email=\(email)&kind=invitation").json["data"]?.arrayValue)
    }

    @Test func aUserOutsideTheVerifiedDomainsIsInvitedAndJoinsOnAcceptance() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            // A domain of the organization that is not verified does not count.
            #expect(try await api.post("/organization_domains", ["organization_id": .string(directory.organizationID),
                                                                 "domain": "acme.dev"]).json["state"] == "pending")
            let created = try await api.post("/_emulator/directories/\(directory.id)/users", [
                "email": "zoe@acme.dev", "first_name": "Zoe", "roles": ["admin"],
            ])
            let directoryUserID = try #require(created.json["id"]?.stringValue)

            let membership = try #require(try await Self.memberships(api, directory.organizationID).first)
            let membershipID = try #require(membership["id"]?.stringValue)
            #expect(membership["status"] == "pending")
            #expect(membership["directory_managed"] == true)
            #expect(membership["roles"] == [["slug": "admin"]])
            #expect(membership["user"]?["email"] == "zoe@acme.dev")
            #expect(membership["user"]?["first_name"] == "Zoe")
            // The invitation goes through the invitations API's path: its event and its email.
            let invitation = try #require(try await Self.invitations(api, "zoe@acme.dev").first)
            #expect(invitation["state"] == "pending")
            #expect(invitation["organization_id"] == .string(directory.organizationID))
            #expect(invitation["role_slug"] == "admin")
            let invitationID = try #require(invitation["id"]?.stringValue)
            #expect(try await DirectoryFixture.events(api, "invitation.created").map { $0["id"] } == [.string(invitationID)])
            let mail = try #require(try await Self.invitationEmails(api, "zoe@acme.dev").first)
            #expect(mail["token"] == invitation["token"])
            #expect(mail["related"]?["invitation_id"] == .string(invitationID))

            // A directory update leaves the membership pending and sends nothing more.
            _ = try await api.request(.patch, "/_emulator/directory_users/\(directoryUserID)", json: ["job_title": "CTO"])
            #expect(try await api.get("/user_management/organization_memberships/\(membershipID)").json["status"] == "pending")
            #expect(try await Self.invitations(api, "zoe@acme.dev").count == 1)

            // Accepting makes her an active member with the directory's roles.
            #expect(try await api.post("/user_management/invitations/\(invitationID)/accept").status == .ok)
            let accepted = try await api.get("/user_management/organization_memberships/\(membershipID)").json
            #expect(accepted["status"] == "active")
            #expect(accepted["roles"] == [["slug": "admin"]])
            #expect(accepted["directory_managed"] == true)

            // Accepted once, she comes back active after a suspension, with no new invitation.
            _ = try await api.request(.patch, "/_emulator/directory_users/\(directoryUserID)", json: ["state": "suspended"])
            #expect(try await api.get("/user_management/organization_memberships/\(membershipID)").json["status"] == "inactive")
            _ = try await api.request(.patch, "/_emulator/directory_users/\(directoryUserID)", json: ["state": "active"])
            #expect(try await api.get("/user_management/organization_memberships/\(membershipID)").json["status"] == "active")
            #expect(try await Self.invitations(api, "zoe@acme.dev").count == 1)
            #expect(try await Self.invitationEmails(api, "zoe@acme.dev").count == 1)
        }
    }

    @Test func anUnacceptedInvitationIsWithdrawnWithTheDirectoryUserAndSentAgainOnReturn() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            // Not in a verified domain, an existing user is not fully managed: the directory's names do
            // not replace hers.
            let user = try await api.post("/user_management/users", ["email": "yan@partner.example", "first_name": "Yannick"]).json
            let userID = try #require(user["id"]?.stringValue)
            let created = try await api.post("/_emulator/directories/\(directory.id)/users",
                                             ["email": "yan@partner.example", "first_name": "Yan"])
            let directoryUserID = try #require(created.json["id"]?.stringValue)
            let membership = try #require(try await Self.memberships(api, directory.organizationID).first)
            let membershipID = try #require(membership["id"]?.stringValue)
            #expect(membership["user_id"] == .string(userID))
            #expect(membership["status"] == "pending")
            #expect(try await api.get("/user_management/users/\(userID)").json["first_name"] == "Yannick")
            #expect(try await DirectoryFixture.events(api, "user.updated").isEmpty)

            // Suspended before accepting: the membership is inactive and the invitation revoked.
            _ = try await api.request(.patch, "/_emulator/directory_users/\(directoryUserID)", json: ["state": "suspended"])
            #expect(try await api.get("/user_management/organization_memberships/\(membershipID)").json["status"] == "inactive")
            #expect(try await Self.invitations(api, "yan@partner.example").map { $0["state"] } == ["revoked"])

            // Back: pending again, with a new invitation and its email.
            _ = try await api.request(.patch, "/_emulator/directory_users/\(directoryUserID)", json: ["state": "active"])
            #expect(try await api.get("/user_management/organization_memberships/\(membershipID)").json["status"] == "pending")
            #expect(try await Self.invitations(api, "yan@partner.example").map { $0["state"] } == ["revoked", "pending"])
            #expect(try await Self.invitationEmails(api, "yan@partner.example").count == 2)
            let statuses = try await DirectoryFixture.events(api, "organization_membership.updated").map { $0["status"] }
            #expect(statuses == ["inactive", "pending"])

            // Deleted: the membership goes, and its invitation with it; the user stays.
            #expect(try await api.delete("/_emulator/directory_users/\(directoryUserID)").status == .noContent)
            #expect(try await Self.memberships(api, directory.organizationID).isEmpty)
            #expect(try await Self.invitations(api, "yan@partner.example").map { $0["state"] } == ["revoked", "revoked"])
            #expect(try await api.get("/user_management/users/\(userID)").status == .ok)
        }
    }

    @Test func deletingTheDirectoryDeletesItsMembershipsFromDsyncDeletedAlone() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            for email in ["erin@acme.com", "frank@acme.com", "gus@elsewhere.example"] {
                _ = try await api.post("/_emulator/directories/\(directory.id)/users", ["email": .string(email)])
            }
            #expect(try await Self.memberships(api, directory.organizationID).compactMap { $0["status"]?.stringValue }.sorted()
                == ["active", "active", "pending"])
            // A membership of the organization that no directory manages stays.
            let henry = try #require(try await api.post("/user_management/users", ["email": "henry@acme.com"]).json["id"]?.stringValue)
            _ = try await api.post("/user_management/organization_memberships", [
                "user_id": .string(henry), "organization_id": .string(directory.organizationID),
            ])
            let before = try await DirectoryFixture.eventTypes(api).count

            #expect(try await api.delete("/directories/\(directory.id)").status == .accepted)
            #expect(try await Self.memberships(api, directory.organizationID).map { $0["user_id"] } == [.string(henry)])
            let types = try await DirectoryFixture.eventTypes(api).dropFirst(before)
            #expect(Array(types) == ["dsync.deleted", "organization_membership.deleted", "organization_membership.deleted",
                                     "organization_membership.deleted", "invitation.revoked"])
            #expect(try await Self.invitations(api, "gus@elsewhere.example").map { $0["state"] } == ["revoked"])
        }
    }
}
