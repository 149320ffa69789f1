import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `…/data_providers`: the catalogue of providers, each with the owner's connection to it.
@Suite struct DataProvidersTests {
    @Test func aUsersListShowsEveryProviderAndTheirConnection() async throws {
        try await TestEmulator.run { api in
            let ada = try await api.user("ada@example.com")
            let account = try await api.created("/user_management/users/\(ada)/connected_accounts/github", ["access_token": "a"])
            let list = try await api.get("/user_management/users/\(ada)/data_providers?supports_multiple_connections=true")
            #expect(list.status == .ok && list.json["object"] == "list")
            let providers = try #require(list.json["data"]?.arrayValue)
            #expect(providers.compactMap { $0["slug"]?.stringValue } == ["github", "google-drive", "notion", "slack"])
            let github = try #require(providers.first)
            #expect(github["object"] == "data_provider" && github["name"] == "GitHub")
            #expect(github["connection_owner"] == "user" && github["ownership"] == "userland_user")
            #expect(github["connected_account"] == account && github["connected_accounts"] == [account])
            #expect(providers[1]["connected_account"] == .null && providers[1]["connected_accounts"] == [])
            // Scoped to an organization, the user's unscoped account is not theirs there.
            let acme = try await api.organization()
            let scoped = try await api.get("/user_management/users/\(ada)/data_providers?organization_id=\(acme)").json
            #expect(scoped["data"]?.arrayValue?.first?["connected_account"] == .null)
            #expect(try await api.get("/user_management/users/user_missing/data_providers").status == .notFound)
        }
    }

    @Test func anOrganizationsListShowsItsAccounts() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let ada = try await api.user("ada@example.com")
            try await api.member(ada, of: acme)
            let account = try await api.created("/organizations/\(acme)/connected_accounts/slack",
                                                ["user_id": .string(ada), "access_token": "a"])
            let providers = try #require(try await api.get("/organizations/\(acme)/data_providers").json["data"]?.arrayValue)
            let slack = try #require(providers.first { $0["slug"] == "slack" })
            #expect(slack["connection_owner"] == "organization" && slack["connected_account"] == account)
            #expect(try await api.get("/organizations/org_missing/data_providers").status == .notFound)
        }
    }
}
