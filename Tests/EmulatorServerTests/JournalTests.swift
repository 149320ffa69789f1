import EmulatorCore
import EmulatorServer
import EmulatorTesting
import Hummingbird
import Testing

@Suite struct JournalTests {
    @Test func recordsEveryAPIRequestNewestFirstWithSecretsRedacted() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/organizations", ["name": "Acme", "metadata": ["secret": "s3cr3t", "tier": "gold"]])
            _ = try await api.get("/organizations/org_missing")
            _ = try await api.get("/_emulator/health")  // control calls are not journaled

            let entries = try #require(try await api.get("/_emulator/requests").json["data"]?.arrayValue)
            #expect(entries.count == 2)
            #expect(entries[0]["method"] == "GET")
            #expect(entries[0]["status"] == 404)
            #expect(entries[0]["response_body"]?["message"] == "Organization not found: 'org_missing'.")
            #expect(entries[1]["method"] == "POST")
            #expect(entries[1]["status"] == 201)
            #expect(entries[1]["request_body"]?["metadata"]?["secret"] == "[redacted]")
            #expect(entries[1]["request_body"]?["metadata"]?["tier"] == "gold")
            #expect(entries[1]["id"]?.stringValue?.isEmpty == false)
            #expect(entries[1]["latency_ms"]?.intValue != nil || entries[1]["latency_ms"] != .null)
        }
    }

    @Test func filtersAndPerEnvironmentScope() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/organizations", ["name": "A"])
            _ = try await api.get("/organizations")
            let other = try await api.newEnvironment()
            _ = try await other.get("/organizations")

            #expect(try await api.get("/_emulator/requests?method=post").json["data"]?.arrayValue?.count == 1)
            #expect(try await api.get("/_emulator/requests?status=200").json["data"]?.arrayValue?.count == 1)
            #expect(try await api.get("/_emulator/requests?path=/organizations").json["data"]?.arrayValue?.count == 2)
            #expect(try await other.get("/_emulator/requests").json["data"]?.arrayValue?.count == 1)
            #expect(try await api.delete("/_emulator/requests").status == .noContent)
            #expect(try await api.get("/_emulator/requests").json["data"] == [])
        }
    }

    @Test func faultedRequestsAreJournaledWithTheirFault() async throws {
        try await TestEmulator.run { api in
            let fault = try await api.post("/_emulator/faults", ["method": "GET", "path": "/organizations", "status": 500]).json
            _ = try await api.get("/organizations")
            let entry = try await api.get("/_emulator/requests").json["data"]?.arrayValue?.first
            #expect(entry?["status"] == 500)
            #expect(entry?["fault_id"] == fault["id"])
        }
    }
}

@Suite struct ControlAccessTests {
    @Test func aControlTokenGuardsTheControlAPI() async throws {
        let configuration = EmulatorConfiguration(port: 0, storage: .memory, controlToken: "let-me-in")
        try await TestEmulator.run(configuration: configuration) { api in
            let refused = try await api.get("/_emulator/health")
            #expect(refused.status == .unauthorized)
            #expect(refused.json["code"] == "control_token_required")
            let allowed = try await api.request(.get, "/_emulator/health", headers: [.init("X-Emulator-Control-Token")!: "let-me-in"])
            #expect(allowed.status == .ok)
            // The API itself is unaffected.
            #expect(try await api.get("/organizations").status == .ok)
        }
    }
}
