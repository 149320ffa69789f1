import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/organizations/{id}/api_keys`: issuing keys to an organization and listing them.
@Suite struct OrganizationAPIKeysTests {
    @Test func aKeyIsShownWithItsValueOnceAndAnnounced() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            try await api.permission("posts:read")
            try await api.permission("posts:write")
            let created = try await api.created("/organizations/\(acme)/api_keys", [
                "name": "Production", "permissions": ["posts:read", "posts:write", "posts:read"],
                "expires_at": "2099-01-01T00:00:00Z",
            ])
            #expect(try created.id.hasPrefix("api_key_"))
            #expect(created["object"] == "api_key" && created["name"] == "Production")
            #expect(created["owner"]?["type"] == "organization" && created["owner"]?["id"] == .string(acme))
            #expect(created["owner"]?.objectValue?.count == 2)
            #expect(created["permissions"] == ["posts:read", "posts:write"])
            #expect(created["expires_at"] == "2099-01-01T00:00:00.000Z" && created["last_used_at"] == .null)
            #expect(created["created_at"] == created["updated_at"])
            let value = try created.value
            #expect(value.hasPrefix("sk_") && value.count > 40)
            #expect(created["obfuscated_value"] == .string("sk_..." + value.suffix(4)))

            // Never again: not in the list, not in the event.
            let listed = try await api.get("/organizations/\(acme)/api_keys")
            #expect(listed.json["data"] == [created.withoutValue])
            #expect(!listed.text.contains(value))
            let events = try await api.apiKeyEvents()
            #expect(events.map(\.event) == ["api_key.created"])
            #expect(events.first?.data == created.withoutValue && events.first?.organizationId == acme)
        }
    }

    @Test func theListIsTheOrganizationsNewestFirstAndPaginated() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            let globex = try await api.organization("Globex")
            var ids: [String] = []
            for name in ["one", "two", "three"] {
                ids.append(try await api.created("/organizations/\(acme)/api_keys", ["name": .string(name)]).id)
            }
            _ = try await api.created("/organizations/\(globex)/api_keys", ["name": "other"])
            #expect(try await api.get("/organizations/\(acme)/api_keys").json.ids == ids.reversed())
            let first = try await api.get("/organizations/\(acme)/api_keys?limit=2&order=asc").json
            #expect(first.ids == Array(ids.prefix(2)))
            let after = try #require(first["list_metadata"]?["after"]?.stringValue)
            #expect(try await api.get("/organizations/\(acme)/api_keys?limit=2&order=asc&after=\(after)").json.ids == [ids[2]])
            #expect(try await api.get("/organizations/\(acme)/api_keys?limit=101").status == .unprocessableContent)
        }
    }

    @Test func badInputIsA422NamingEachFieldAndAnUnknownOrganizationA404() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            try await api.permission("posts:read")
            let bad = try await api.post("/organizations/\(acme)/api_keys", [
                "name": " ", "permissions": ["posts:read", "posts:delete"], "expires_at": "tomorrow",
            ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.json["code"] == "invalid_request_parameters")
            let fields = bad.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue }
            #expect(fields == ["name", "expires_at"])
            let unknown = try await api.post("/organizations/\(acme)/api_keys", ["name": "k", "permissions": ["posts:delete"]])
            #expect(unknown.status == .unprocessableContent && unknown.json["errors"]?.arrayValue?.first?["code"] == "invalid_permission")
            let past = try await api.post("/organizations/\(acme)/api_keys", ["name": "k", "expires_at": "2000-01-01T00:00:00Z"])
            #expect(past.status == .unprocessableContent && past.json["errors"]?.arrayValue?.first?["field"] == "expires_at")
            #expect(try await api.post("/organizations/\(acme)/api_keys", ["name": 7]).status == .unprocessableContent)

            let missing = try await api.post("/organizations/org_missing/api_keys", ["name": "k"])
            #expect(missing.status == .notFound && missing.json["message"] == "Organization not found: 'org_missing'.")
            #expect(try await api.get("/organizations/org_missing/api_keys").status == .notFound)
            #expect(try await api.apiKeyEvents().isEmpty)
        }
    }
}
