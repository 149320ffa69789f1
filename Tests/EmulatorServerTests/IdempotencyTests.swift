import EmulatorCore
import EmulatorTesting
import Hummingbird
import Testing

@Suite struct IdempotencyTests {
    @Test func aRepeatedKeyReplaysTheFirstResponse() async throws {
        try await TestEmulator.run { api in
            let key: HTTPFields = [.init("Idempotency-Key")!: "key-1"]
            let first = try await api.request(.post, "/organizations", json: ["name": "Acme"], headers: key)
            let second = try await api.request(.post, "/organizations", json: ["name": "Acme"], headers: key)
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(first.body == second.body)
            #expect(second.headers[.init("Idempotent-Replayed")!] == "true")
            let list = try await api.get("/organizations")
            #expect(list.json["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func keysAreScopedToRouteAndEnvironment() async throws {
        try await TestEmulator.run { api in
            let key: HTTPFields = [.init("Idempotency-Key")!: "shared"]
            let org = try await api.request(.post, "/organizations", json: ["name": "Acme"], headers: key)
            let orgID = try #require(org.json["id"]?.stringValue)
            let domain = try await api.request(.post, "/organization_domains",
                                               json: ["domain": "acme.com", "organization_id": .string(orgID)], headers: key)
            #expect(domain.json["object"] == "organization_domain")

            let other = try await api.newEnvironment()
            let elsewhere = try await other.request(.post, "/organizations", json: ["name": "Other"], headers: key)
            #expect(elsewhere.json["id"] != org.json["id"])
        }
    }

    @Test func failuresAreNotStored() async throws {
        try await TestEmulator.run { api in
            let key: HTTPFields = [.init("Idempotency-Key")!: "retry-me"]
            let failed = try await api.request(.post, "/organizations", json: [:], headers: key)
            #expect(failed.status == .unprocessableContent)
            let retried = try await api.request(.post, "/organizations", json: ["name": "Acme"], headers: key)
            #expect(retried.status == .created)
        }
    }
}
