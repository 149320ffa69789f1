import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/user_management/authkit_oauth_resources`: the resource servers AuthKit issues tokens for.
@Suite struct OAuthResourcesTests {
    @Test func resourcesAreRegisteredListedAndDeleted() async throws {
        try await TestEmulator.run { api in
            let path = "/user_management/authkit_oauth_resources"
            let mcp = try await api.created(path, ["uri": "https://mcp.example.com", "default": true])
            #expect(try mcp.id.hasPrefix("authkit_oauth_resource_"))
            #expect(mcp["object"] == "authkit_oauth_resource" && mcp["uri"] == "https://mcp.example.com")
            #expect(mcp["default"] == true && mcp["created_at"] == mcp["updated_at"])
            let api2 = try await api.created(path, ["uri": "https://api.example.com/v1"])
            #expect(api2["default"] == false)
            #expect(try await api.get(path).json.ids == [api2.id, mcp.id])
            #expect(try await api.get("\(path)?order=asc&limit=1").json.ids == [mcp.id])

            #expect(try await api.delete("\(path)/\(mcp.id)").status == .noContent)
            #expect(try await api.get(path).json.ids == [try api2.id])
            #expect(try await api.delete("\(path)/\(mcp.id)").status == .notFound)
        }
    }

    @Test func atMostOneResourceIsTheDefault() async throws {
        try await TestEmulator.run { api in
            let path = "/user_management/authkit_oauth_resources"
            let first = try await api.created(path, ["uri": "https://one.example.com", "default": true])
            let second = try await api.created(path, ["uri": "https://two.example.com", "default": true])
            let listed = try #require(try await api.get("\(path)?order=asc").json["data"]?.arrayValue)
            #expect(listed.map { $0["default"] } == [false, true])
            #expect(listed.first?["id"] == first["id"] && listed.last?["id"] == second["id"])
        }
    }

    @Test func badOrDuplicateURIsAreRefused() async throws {
        try await TestEmulator.run { api in
            let path = "/user_management/authkit_oauth_resources"
            #expect(try await api.post(path, [:]).status == .unprocessableContent)
            for bad in ["not a uri", "/relative", "ftp://files.example.com", "https://example.com/#part"] {
                let answer = try await api.post(path, ["uri": .string(bad)])
                #expect(answer.status == .unprocessableContent && answer.text.contains("uri"), "\(bad)")
            }
            #expect(try await api.post(path, ["uri": "https://example.com", "default": "yes"]).status == .unprocessableContent)
            _ = try await api.created(path, ["uri": "https://example.com"])
            #expect(try await api.post(path, ["uri": "https://example.com"]).status == .conflict)
        }
    }
}
