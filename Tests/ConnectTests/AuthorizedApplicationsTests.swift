import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// Users' authorizations of Connect applications: granted through `POST /_emulator/authorized_applications`,
/// listed per user and per organization, revoked by the user's DELETE.
@Suite struct AuthorizedApplicationsTests {
    private func user(_ api: APIClient, _ email: String) async throws -> String {
        try await api.created("/user_management/users", ["email": .string(email)]).id
    }

    private func oauthApp(_ api: APIClient, _ name: String = "Zapier") async throws -> JSON {
        try await api.application(["application_type": "oauth", "name": .string(name), "is_first_party": false,
                                   "scopes": ["openid", "profile", "email"],
                                   "redirect_uris": [["uri": "https://app.example.com/callback"]],
                                   "organization_id": .string(try await api.organization("Vendor"))])
    }

    private func authorize(_ api: APIClient, _ body: JSON) async throws -> APIResponse {
        try await api.post("/_emulator/authorized_applications", body)
    }

    @Test func aUsersAuthorizationsAreListedAndRevoked() async throws {
        try await TestEmulator.run { api in
            let app = try await oauthApp(api)
            let ada = try await user(api, "ada@example.com")
            let granted = try await authorize(api, ["application_id": app["client_id"] ?? .null, "user_id": .string(ada),
                                                    "scopes": ["openid"], "oauth_resource": "https://api.example.com"])
            #expect(granted.status == .created)
            #expect(try granted.json.id.hasPrefix("authorized_connect_app_"))
            #expect(granted.json["granted_scopes"] == ["openid"] && granted.json["user_id"] == .string(ada))

            let listed = try await api.get("/user_management/users/\(ada)/authorized_applications").json
            let item = try #require(listed["data"]?.arrayValue?.first)
            #expect(item["object"] == "authorized_connect_application" && item["id"] == granted.json["id"])
            #expect(item["application"] == app && item["oauth_resource"] == "https://api.example.com")
            #expect(item["user_id"] == nil && listed["list_metadata"] != nil)

            // Consenting again replaces the grant.
            let again = try await authorize(api, ["application_id": .string(try app.id), "user_id": .string(ada)])
            #expect(again.status == .ok && again.json["id"] == granted.json["id"])
            #expect(again.json["granted_scopes"] == ["openid", "profile", "email"])

            #expect(try await api.delete("/user_management/users/\(ada)/authorized_applications/\(app.id)").status == .noContent)
            #expect(try await api.get("/user_management/users/\(ada)/authorized_applications").json.ids == [])
            #expect(try await api.delete("/user_management/users/\(ada)/authorized_applications/\(app.id)").status == .notFound)
        }
    }

    @Test func anOrganizationsListShowsWhoAuthorized() async throws {
        try await TestEmulator.run { api in
            let app = try await oauthApp(api)
            let other = try await oauthApp(api, "Other")
            let acme = try await api.organization("Acme")
            let ada = try await user(api, "ada@example.com")
            _ = try await api.created("/user_management/organization_memberships",
                                      ["user_id": .string(ada), "organization_id": .string(acme)])
            let inAcme = try await authorize(api, ["application_id": .string(try app.id), "user_id": .string(ada),
                                                   "organization_id": .string(acme)]).json
            let personal = try await authorize(api, ["application_id": .string(try other.id), "user_id": .string(ada)]).json
            let listed = try await api.get("/organizations/\(acme)/authorized_applications").json
            #expect(listed.ids == [try inAcme.id])
            #expect(listed["data"]?.arrayValue?.first?["user_id"] == .string(ada))
            #expect(try await api.get("/user_management/users/\(ada)/authorized_applications").json.ids == [try personal.id, try inAcme.id])
            #expect(try await api.get("/user_management/users/\(ada)/authorized_applications?limit=1&order=asc").json.ids == [try inAcme.id])
            #expect(try await api.get("/organizations/org_missing/authorized_applications").status == .notFound)

            #expect(try await api.delete("/organizations/\(acme)").status == .accepted)
            #expect(try await api.get("/user_management/users/\(ada)/authorized_applications").json.ids == [try personal.id])
            #expect(try await api.delete("/user_management/users/\(ada)").status == .ok)
            #expect(try await api.environment.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM connect_authorizations")
            } == 0)
        }
    }

    @Test func badGrantsAreRefused() async throws {
        try await TestEmulator.run { api in
            let app = try await oauthApp(api)
            let ada = try await user(api, "ada@example.com")
            let acme = try await api.organization("Acme")
            let appID = JSON.string(try app.id)
            #expect(try await authorize(api, ["user_id": .string(ada)]).status == .unprocessableContent)
            #expect(try await authorize(api, ["application_id": "app_missing", "user_id": .string(ada)]).status == .notFound)
            #expect(try await authorize(api, ["application_id": appID, "user_id": "user_missing"]).status == .notFound)
            #expect(try await authorize(api, ["application_id": appID, "user_id": .string(ada), "scopes": ["admin"]]).status
                == .unprocessableContent)
            #expect(try await authorize(api, ["application_id": appID, "user_id": .string(ada), "organization_id": .string(acme)]).status
                == .unprocessableContent)
            #expect(try await authorize(api, ["application_id": appID, "user_id": .string(ada), "extra": 1]).status
                == .unprocessableContent)
            #expect(try await api.get("/user_management/users/user_missing/authorized_applications").status == .notFound)
        }
    }
}
