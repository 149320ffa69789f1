import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct EnvironmentsTests {
    @Test func healthAnswersWithoutAKey() async throws {
        try await TestEmulator.run { api in
            let health = try await api.with(apiKey: nil).get("/_emulator/health")
            #expect(health.status == .ok)
            #expect(health.json["status"] == "ok")
            #expect(health.json["version"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func environmentsAreIsolated() async throws {
        try await TestEmulator.run { api in
            let first = try await api.newEnvironment()
            let second = try await api.newEnvironment()
            let created = try await first.post("/organizations", ["name": "Only in first", "external_id": "shared-ext"])
            let id = try #require(created.json["id"]?.stringValue)
            #expect(try await second.get("/organizations/\(id)").status == .notFound)
            #expect(try await second.get("/organizations").json["data"] == [])
            #expect(try await api.get("/organizations").json["data"] == [])
            // Uniqueness rules are per environment too.
            #expect(try await second.post("/organizations", ["name": "Also", "external_id": "shared-ext"]).status == .created)
        }
    }

    @Test func createListAndDelete() async throws {
        try await TestEmulator.run { api in
            let control = api.with(apiKey: nil)
            let created = try await control.post("/_emulator/environments", ["name": "ci", "api_key": "sk_test_ci", "client_id": "client_ci"])
            #expect(created.status == .created)
            #expect(created.json["api_key"] == "sk_test_ci")
            let id = try #require(created.json["id"]?.stringValue)
            #expect(id.hasPrefix("environment_"))

            let listed = try await control.get("/_emulator/environments").json["data"]?.arrayValue ?? []
            #expect(listed.contains { $0["id"]?.stringValue == id })
            #expect(listed.contains { $0["default"] == true })

            let taken = try await control.post("/_emulator/environments", ["api_key": "sk_test_ci"])
            #expect(taken.status == .conflict)
            let unknownField = try await control.post("/_emulator/environments", ["colour": "blue"])
            #expect(unknownField.status == .unprocessableContent)

            #expect(try await api.with(apiKey: "sk_test_ci").get("/organizations").status == .ok)
            #expect(try await control.delete("/_emulator/environments/\(id)").status == .noContent)
            #expect(try await api.with(apiKey: "sk_test_ci").get("/organizations").status == .unauthorized)
            #expect(try await control.delete("/_emulator/environments/environment_default").status == .badRequest)
        }
    }

    @Test func resetEmptiesOnlyItsEnvironmentAndKeepsKeys() async throws {
        try await TestEmulator.run { api in
            let other = try await api.newEnvironment()
            _ = try await api.post("/organizations", ["name": "Default's"])
            _ = try await other.post("/organizations", ["name": "Other's"])
            let reset = try await other.post("/_emulator/reset")
            #expect(reset.status == .ok)
            #expect(try await other.get("/organizations").json["data"] == [])
            #expect(try await api.get("/organizations").json["data"]?.arrayValue?.count == 1)
            // Without a key the control API means the default environment.
            _ = try await api.with(apiKey: nil).post("/_emulator/reset")
            #expect(try await api.get("/organizations").json["data"] == [])
        }
    }
}
