import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// Keys follow what they belong to: their organization, their user, the permissions they carry.
@Suite struct KeyOwnersTests {
    @Test func deletingAnOrganizationRevokesItsKeysAndItsMembersKeysInIt() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            let globex = try await api.organization("Globex")
            let ann = try await api.user("ann@example.com")
            try await api.member(ann, of: acme)
            try await api.member(ann, of: globex)
            let orgKey = try await api.created("/organizations/\(acme)/api_keys", ["name": "org"])
            let annInAcme = try await api.created("/user_management/users/\(ann)/api_keys", ["name": "a", "organization_id": .string(acme)])
            let annInGlobex = try await api.created("/user_management/users/\(ann)/api_keys", ["name": "g", "organization_id": .string(globex)])
            #expect(try await api.delete("/organizations/\(acme)").status == .accepted)

            #expect(try await api.validate(try orgKey.value) == .null)
            #expect(try await api.validate(try annInAcme.value) == .null)
            #expect(try await api.validate(try annInGlobex.value)["id"] == .string(try annInGlobex.id))
            let revoked = try await api.apiKeyEvents().filter { $0.event == "api_key.revoked" }
            #expect(Set(revoked.compactMap { $0.data["id"]?.stringValue }) == [try orgKey.id, try annInAcme.id])
        }
    }

    @Test func deletingAUserRevokesTheirKeys() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let ann = try await api.user("ann@example.com")
            try await api.member(ann, of: acme)
            let key = try await api.created("/user_management/users/\(ann)/api_keys", ["name": "a", "organization_id": .string(acme)])
            let orgKey = try await api.created("/organizations/\(acme)/api_keys", ["name": "org"])
            #expect(try await api.delete("/user_management/users/\(ann)").status == .ok)
            #expect(try await api.validate(try key.value) == .null)
            #expect(try await api.validate(try orgKey.value)["id"] == .string(try orgKey.id))
            #expect(try await api.apiKeyEvents().map(\.event) == ["api_key.created", "api_key.created", "api_key.revoked"])
        }
    }

    @Test func aDeletedPermissionLeavesEveryKeyThatHeldIt() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            for slug in ["posts:read", "posts:write"] { try await api.permission(slug) }
            let key = try await api.created("/organizations/\(acme)/api_keys", ["name": "k", "permissions": ["posts:read", "posts:write"]])
            let other = try await api.created("/organizations/\(acme)/api_keys", ["name": "o", "permissions": ["posts:read"]])
            #expect(try await api.delete("/authorization/permissions/posts:write").status == .noContent)
            #expect(try await api.validate(try key.value)["permissions"] == ["posts:read"])
            #expect(try await api.validate(try other.value)["permissions"] == ["posts:read"])
            #expect(try await api.apiKeyEvents().map(\.event) == ["api_key.created", "api_key.created"])
        }
    }
}
