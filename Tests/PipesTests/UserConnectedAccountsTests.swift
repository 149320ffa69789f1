import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/user_management/users/{id}/connected_accounts/{slug}`: importing, reading, updating and
/// disconnecting a user's account with a data provider.
@Suite struct UserConnectedAccountsTests {
    @Test func anImportedAccountKeepsItsTokensSecretAndIsAnnounced() async throws {
        try await TestEmulator.run { api in
            let ada = try await api.user("ada@example.com")
            let path = "/user_management/users/\(ada)/connected_accounts/github"
            let created = try await api.created(path, [
                "access_token": "gho_secret_access", "refresh_token": "ghr_secret_refresh",
                "expires_at": "2099-01-01T00:00:00Z", "scopes": ["repo"], "account_display_name": "ada-gh",
            ])
            #expect(try created.id.hasPrefix("data_installation_"))
            #expect(created["object"] == "connected_account" && created["state"] == "connected")
            #expect(created["user_id"] == .string(ada) && created["organization_id"] == .null)
            #expect(created["scopes"] == ["repo"] && created["account_display_name"] == "ada-gh")
            #expect(created["connection_role"] == "compatibility" && created["auth_method"] == "oauth")
            #expect(!created.text.contains("secret"))

            let fetched = try await api.get(path)
            #expect(fetched.status == .ok && fetched.json == created)
            #expect(try await api.get("\(path)?connected_account_id=\(created.id)").json == created)
            #expect(try await api.get("\(path)?connected_account_id=data_installation_other").status == .notFound)
            #expect(try await api.get("/user_management/users/\(ada)/connected_accounts/slack").status == .notFound)

            let events = try await api.pipesEvents()
            #expect(events.map(\.event) == ["pipes.connected_account.connected"])
            var announced = try #require(events.first?.data.objectValue)
            #expect(announced["provider_slug"] == "github" && announced["data_integration_id"] == "data_integration_github")
            announced["provider_slug"] = nil
            announced["data_integration_id"] = nil
            #expect(JSON.object(announced) == created)
        }
    }

    @Test func withoutTokensTheAccountNeedsReauthorizationAndAnUpdateConnectsIt() async throws {
        try await TestEmulator.run { api in
            let ada = try await api.user("ada@example.com")
            let path = "/user_management/users/\(ada)/connected_accounts/slack"
            let created = try await api.created(path, ["scopes": ["chat:write"], "account_identifier": "T123"])
            #expect(created["state"] == "needs_reauthorization")

            let updated = try await api.put(path, ["access_token": "xoxb-new", "account_identifier": .null])
            #expect(updated.status == .ok)
            #expect(updated.json["state"] == "connected" && updated.json["account_identifier"] == .null)
            #expect(updated.json["scopes"] == ["chat:write"] && updated.json["id"] == created["id"])
            let asked = try await api.put(path, ["state": "needs_reauthorization"])
            #expect(asked.json["state"] == "needs_reauthorization")
            #expect(try await api.pipesEvents().map(\.event) == [
                "pipes.connected_account.reauthorization_needed", "pipes.connected_account.connected",
                "pipes.connected_account.reauthorization_needed",
            ])
        }
    }

    @Test func anOwnerHoldsOneAccountPerProviderAndOrganizationScope() async throws {
        try await TestEmulator.run { api in
            let ada = try await api.user("ada@example.com")
            let acme = try await api.organization()
            let path = "/user_management/users/\(ada)/connected_accounts/github"
            let own = try await api.created(path, ["access_token": "a"])
            #expect(try await api.post(path, ["access_token": "b"]).status == .conflict)
            let add = try await api.post(path, ["access_token": "b", "connection_intent": "add"])
            #expect(add.status == .notFound && add.json["code"] == "multiple_connections_unavailable")

            let scoped = try await api.created("\(path)?organization_id=\(acme)", ["access_token": "c"])
            #expect(scoped["organization_id"] == .string(acme) && scoped["id"] != own["id"])
            #expect(try await api.get("\(path)?organization_id=\(acme)").json["id"] == scoped["id"])
            #expect(try await api.get(path).json["id"] == own["id"])
        }
    }

    @Test func deletingDisconnectsAndForgetsTheAccount() async throws {
        try await TestEmulator.run { api in
            let ada = try await api.user("ada@example.com")
            let path = "/user_management/users/\(ada)/connected_accounts/github"
            let created = try await api.created(path, ["access_token": "a"])
            #expect(try await api.delete("\(path)?connected_account_id=data_installation_other").status == .notFound)
            #expect(try await api.delete(path).status == .noContent)
            #expect(try await api.get(path).status == .notFound)
            #expect(try await api.delete(path).status == .notFound)
            let last = try #require(try await api.pipesEvents().last)
            #expect(last.event == "pipes.connected_account.disconnected")
            #expect(last.data["id"] == created["id"] && last.data["state"] == "disconnected")
            // The slot is free again.
            _ = try await api.created(path, ["access_token": "b"])
        }
    }

    @Test func badInputIsA4xxNamingTheField() async throws {
        try await TestEmulator.run { api in
            let ada = try await api.user("ada@example.com")
            let path = "/user_management/users/\(ada)/connected_accounts/github"
            let badState = try await api.post(path, ["state": "sideways"])
            #expect(badState.status == .unprocessableContent && badState.text.contains("state"))
            let badDate = try await api.post(path, ["access_token": "a", "expires_at": "soon"])
            #expect(badDate.status == .unprocessableContent && badDate.text.contains("expires_at"))
            let lonelyExpiry = try await api.post(path, ["expires_at": "2099-01-01T00:00:00Z"])
            #expect(lonelyExpiry.status == .unprocessableContent)
            let connectedWithoutTokens = try await api.post(path, ["state": "connected"])
            #expect(connectedWithoutTokens.status == .unprocessableContent)
            #expect(try await api.post(path, ["access_token": "a", "connection_intent": "reauthorize"]).status == .unprocessableContent)
            #expect(try await api.post(path, ["scopes": "repo"]).status == .unprocessableContent)
            #expect(try await api.get("\(path)?supports_multiple_connections=maybe").status == .unprocessableContent)
            _ = try await api.created(path, ["access_token": "a"])
            #expect(try await api.put("\(path)?connection_intent=reauthorize", ["access_token": "b"]).status == .unprocessableContent)
            #expect(try await api.put("\(path)?connection_intent=add", ["access_token": "b"]).status == .unprocessableContent)
            #expect(try await api.post("/user_management/users/\(ada)/connected_accounts/myspace", ["access_token": "a"]).status == .notFound)
            #expect(try await api.post("/user_management/users/user_missing/connected_accounts/github", ["access_token": "a"]).status == .notFound)
            #expect(try await api.get("\(path)?organization_id=org_missing").status == .notFound)
            #expect(try await api.pipesEvents().count == 1)
        }
    }

    @Test func deletingTheUserDisconnectsTheirAccounts() async throws {
        try await TestEmulator.run { api in
            let ada = try await api.user("ada@example.com")
            let grace = try await api.user("grace@example.com")
            _ = try await api.created("/user_management/users/\(ada)/connected_accounts/github", ["access_token": "a"])
            _ = try await api.created("/user_management/users/\(grace)/connected_accounts/github", ["access_token": "g"])
            #expect(try await api.delete("/user_management/users/\(ada)").status == .ok)
            #expect(try await api.pipesEvents().map(\.event).last == "pipes.connected_account.disconnected")
            #expect(try await api.get("/user_management/users/\(grace)/connected_accounts/github").status == .ok)
            let count = try await api.environment.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pipes_connected_accounts") }
            #expect(count == 1)
        }
    }
}
