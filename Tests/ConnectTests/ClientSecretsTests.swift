import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// A Connect application's client secrets: shown once, listed as a bare array, deleted one by one.
@Suite struct ClientSecretsTests {
    @Test func aSecretIsShownOnceAndListedByItsHint() async throws {
        try await TestEmulator.run { api in
            let app = try await api.application(["application_type": "oauth", "name": "Dashboard", "is_first_party": true])
            let path = "/connect/applications/\(try app.id)/client_secrets"
            #expect(try await api.get(path).json == [])
            let first = try await api.created(path)
            #expect(try first.id.hasPrefix("secret_") && first["object"] == "connect_application_secret")
            let secret = try #require(first["secret"]?.stringValue)
            #expect(secret.count >= 40 && first["secret_hint"] == .string(String(secret.suffix(4))))
            #expect(first["last_used_at"] == .null && first["created_at"] == first["updated_at"])
            let second = try await api.created("/connect/applications/\(try #require(app["client_id"]?.stringValue))/client_secrets")
            #expect(second["secret"] != first["secret"])

            let listed = try await api.get(path)
            #expect(listed.json.arrayValue?.compactMap { $0["id"]?.stringValue } == [try first.id, try second.id])
            #expect(listed.json.arrayValue?.allSatisfy { $0["secret"] == nil && $0["secret_hint"] != nil } == true)
            #expect(!listed.text.contains(secret))

            #expect(try await api.delete("/connect/client_secrets/\(try first.id)").status == .noContent)
            #expect(try await api.get(path).json.arrayValue?.count == 1)
            #expect(try await api.delete("/connect/client_secrets/\(try first.id)").status == .notFound)
        }
    }

    @Test func secretsGoWithTheirApplication() async throws {
        try await TestEmulator.run { api in
            let app = try await api.application(["application_type": "oauth", "name": "Dashboard", "is_first_party": true])
            let secret = try await api.created("/connect/applications/\(try app.id)/client_secrets")
            #expect(try await api.delete("/connect/applications/\(try app.id)").status == .noContent)
            #expect(try await api.delete("/connect/client_secrets/\(try secret.id)").status == .notFound)
            #expect(try await api.get("/connect/applications/\(try app.id)/client_secrets").status == .notFound)
            #expect(try await api.post("/connect/applications/conn_app_missing/client_secrets").status == .notFound)
        }
    }
}
