import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/organizations/{id}/connected_accounts/{slug}`: accounts an organization shares, established by one
/// of its members.
@Suite struct OrganizationConnectedAccountsTests {
    @Test func aMemberEstablishesTheOrganizationsAccount() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let ada = try await api.user("ada@example.com")
            try await api.member(ada, of: acme)
            let path = "/organizations/\(acme)/connected_accounts/slack"
            let created = try await api.created(path, ["user_id": .string(ada), "access_token": "xoxb-secret",
                                                        "scopes": ["chat:write"]])
            #expect(created["organization_id"] == .string(acme) && created["user_id"] == .null)
            #expect(created["established_by_user_id"] == .string(ada) && created["state"] == "connected")
            #expect(!created.text.contains("xoxb"))
            #expect(try await api.get(path).json == created)

            let updated = try await api.put("\(path)?connected_account_id=\(created.id)&connection_intent=reauthorize",
                                            ["user_id": .string(ada), "scopes": ["chat:write", "channels:read"]])
            #expect(updated.status == .ok && updated.json["scopes"] == ["chat:write", "channels:read"])
            #expect(try await api.delete(path).status == .noContent)
            #expect(try await api.get(path).status == .notFound)
        }
    }

    @Test func theActingUserMustBeAnActiveMember() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let stranger = try await api.user("stranger@example.com")
            let path = "/organizations/\(acme)/connected_accounts/github"
            let missing = try await api.post(path, ["access_token": "a"])
            #expect(missing.status == .unprocessableContent && missing.text.contains("user_id"))
            #expect(try await api.post(path, ["user_id": .string(stranger), "access_token": "a"]).status == .unprocessableContent)
            #expect(try await api.post(path, ["user_id": "user_missing", "access_token": "a"]).status == .notFound)
            #expect(try await api.post("/organizations/org_missing/connected_accounts/github",
                                       ["user_id": .string(stranger), "access_token": "a"]).status == .notFound)
        }
    }

    @Test func whenItsEstablisherLeavesTheAccountNeedsReauthorization() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let ada = try await api.user("ada@example.com")
            let membership = try await api.member(ada, of: acme)
            let path = "/organizations/\(acme)/connected_accounts/github"
            _ = try await api.created(path, ["user_id": .string(ada), "access_token": "a"])
            #expect(try await api.delete("/user_management/organization_memberships/\(membership)").status == .ok)
            let account = try await api.get(path).json
            #expect(account["state"] == "needs_reauthorization")
            #expect(account["state_reason"] == "establishing_member_membership_ended")
            #expect(account["established_by_user_id"] == .null)
            #expect(try await api.pipesEvents().map(\.event).last == "pipes.connected_account.reauthorization_needed")

            // Another member provides new credentials and establishes it anew; a label alone does not.
            let grace = try await api.user("grace@example.com")
            try await api.member(grace, of: acme)
            let labelled = try await api.put(path, ["user_id": .string(grace), "account_display_name": "Org GitHub"]).json
            #expect(labelled["established_by_user_id"] == .null && labelled["state"] == "needs_reauthorization")
            let restored = try await api.put(path, ["user_id": .string(grace), "access_token": "new"]).json
            #expect(restored["state"] == "connected" && restored["state_reason"] == .null)
            #expect(restored["established_by_user_id"] == .string(grace))
        }
    }

    @Test func deletingTheOrganizationDisconnectsItsAccounts() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let ada = try await api.user("ada@example.com")
            try await api.member(ada, of: acme)
            _ = try await api.created("/organizations/\(acme)/connected_accounts/github", ["user_id": .string(ada), "access_token": "a"])
            _ = try await api.created("/user_management/users/\(ada)/connected_accounts/github?organization_id=\(acme)",
                                      ["access_token": "b"])
            _ = try await api.created("/user_management/users/\(ada)/connected_accounts/github", ["access_token": "c"])
            #expect(try await api.delete("/organizations/\(acme)").status == .accepted)
            #expect(try await api.get("/user_management/users/\(ada)/connected_accounts/github").status == .ok)
            let disconnected = try await api.pipesEvents().filter { $0.event == "pipes.connected_account.disconnected" }
            #expect(disconnected.count == 2)
        }
    }
}
