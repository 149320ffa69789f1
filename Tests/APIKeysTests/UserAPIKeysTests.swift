import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/user_management/users/{id}/api_keys`: keys a user holds in organizations they are an active member of.
@Suite struct UserAPIKeysTests {
    @Test func aMemberGetsAKeyInTheOrganizationAndListsThemByOrganization() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            let globex = try await api.organization("Globex")
            let ann = try await api.user("ann@example.com")
            try await api.member(ann, of: acme)
            try await api.member(ann, of: globex)
            try await api.permission("posts:read")
            let inAcme = try await api.created("/user_management/users/\(ann)/api_keys", [
                "name": "CLI", "organization_id": .string(acme), "permissions": ["posts:read"],
            ])
            let owner = try #require(inAcme["owner"])
            #expect(owner["type"] == "user" && owner["id"] == .string(ann) && owner["organization_id"] == .string(acme))
            #expect(inAcme["permissions"] == ["posts:read"] && inAcme["expires_at"] == .null)
            #expect(try inAcme.value.hasPrefix("sk_"))
            let inGlobex = try await api.created("/user_management/users/\(ann)/api_keys", ["name": "CI", "organization_id": .string(globex)])

            #expect(try await api.get("/user_management/users/\(ann)/api_keys").json.ids == [try inGlobex.id, try inAcme.id])
            let acmeOnly = try await api.get("/user_management/users/\(ann)/api_keys?organization_id=\(acme)").json
            #expect(acmeOnly["data"] == [inAcme.withoutValue])
            // An organization's own list holds its keys, not its members'.
            #expect(try await api.get("/organizations/\(acme)/api_keys").json.ids.isEmpty)
            #expect(try await api.validate(try inAcme.value)["owner"] == inAcme["owner"])
            let events = try await api.apiKeyEvents()
            #expect(events.map(\.event) == ["api_key.created", "api_key.created"] && events.first?.organizationId == acme)
        }
    }

    @Test func onlyActiveMembersGetKeys() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let ann = try await api.user("ann@example.com")
            let body: JSON = ["name": "CLI", "organization_id": .string(acme)]
            let outsider = try await api.post("/user_management/users/\(ann)/api_keys", body)
            #expect(outsider.status == .unprocessableContent && outsider.json["message"]?.stringValue?.contains("no active membership") == true)
            let membership = try await api.member(ann, of: acme)
            #expect(try await api.put("/user_management/organization_memberships/\(membership)/deactivate", [:]).status == .ok)
            #expect(try await api.post("/user_management/users/\(ann)/api_keys", body).status == .unprocessableContent)
            #expect(try await api.put("/user_management/organization_memberships/\(membership)/reactivate", [:]).status == .ok)
            #expect(try await api.post("/user_management/users/\(ann)/api_keys", body).status == .created)
        }
    }

    @Test func badInputIsA400NamingEachFieldAndUnknownObjectsAre404s() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let ann = try await api.user("ann@example.com")
            try await api.member(ann, of: acme)
            let bad = try await api.post("/user_management/users/\(ann)/api_keys", ["permissions": "posts:read"])
            #expect(bad.status == .badRequest && bad.json["code"] == "invalid_request_parameters")
            let empty = try await api.post("/user_management/users/\(ann)/api_keys", [:])
            #expect(empty.status == .badRequest)
            #expect(empty.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } == ["name", "organization_id"])
            let unknownPermission = try await api.post("/user_management/users/\(ann)/api_keys", [
                "name": "CLI", "organization_id": .string(acme), "permissions": ["posts:read"],
            ])
            #expect(unknownPermission.status == .badRequest && unknownPermission.json["errors"]?.arrayValue?.first?["field"] == "permissions")

            let noUser = try await api.post("/user_management/users/user_missing/api_keys", ["name": "CLI", "organization_id": .string(acme)])
            #expect(noUser.status == .notFound && noUser.json["message"] == "User not found: 'user_missing'.")
            #expect(try await api.get("/user_management/users/user_missing/api_keys").status == .notFound)
            let noOrganization = try await api.post("/user_management/users/\(ann)/api_keys", ["name": "CLI", "organization_id": "org_missing"])
            #expect(noOrganization.status == .notFound)
            #expect(try await api.apiKeyEvents().isEmpty)
        }
    }
}
