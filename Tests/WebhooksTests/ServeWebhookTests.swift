import EmulatorCore
import EmulatorServer
import EmulatorTesting
import Foundation
import Testing

/// `serve --webhook URL[,secret]`: one endpoint of the default environment that receives everything.
@Suite struct ServeWebhookTests {
    @Test func theArgumentTakesAURLAndAnOptionalSecret() {
        #expect(EmulatorConfiguration.Webhook(argument: "http://localhost:3000/hooks")
            == .init(url: "http://localhost:3000/hooks"))
        #expect(EmulatorConfiguration.Webhook(argument: "https://app.test/hooks, whsec_abc")
            == .init(url: "https://app.test/hooks", secret: "whsec_abc"))
        #expect(EmulatorConfiguration.Webhook(argument: "localhost:3000") == nil)
        #expect(EmulatorConfiguration.Webhook(argument: "ftp://files.test/x,secret") == nil)
    }

    @Test func theEndpointReceivesEveryEventSignedWithTheGivenSecret() async throws {
        try await WebhookReceiver.run { receiver in
            let configuration = EmulatorConfiguration(port: 0, webhook: .init(url: receiver.url, secret: "wh_secret_pinned"))
            try await TestEmulator.run(configuration: configuration) { api in
                #expect(api.emulator.webhook?.secret == "wh_secret_pinned")
                let endpoints = try await api.get("/webhook_endpoints").json["data"]?.arrayValue ?? []
                #expect(endpoints.map { $0["endpoint_url"] } == [.string(receiver.url)])
                #expect(endpoints.first?["events"] == [])
                _ = try await api.post("/organizations", ["name": "Acme", "domains": ["acme.com"]])
                try await api.flush()
                #expect(receiver.received.count == 2)
                #expect(receiver.received.allSatisfy { $0.isSigned(with: "wh_secret_pinned") })
            }
        }
    }

    @Test func aRestartKeepsTheEndpointAndPutsItBackToReceivingEverything() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-webhook-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "http://127.0.0.1:9/hooks"
        let configuration = EmulatorConfiguration(port: 0, storage: .directory(directory), webhook: .init(url: url))
        let first = try await TestEmulator.run(configuration: configuration) { api in
            _ = try await api.post("/_emulator/clock", ["now": "2030-01-01T00:00:00.000Z", "frozen": true])
            let secret = try #require(api.emulator.webhook?.secret)
            #expect(secret.hasPrefix("whsec_"))
            let endpoint = try #require(try await api.get("/webhook_endpoints").json["data"]?.arrayValue?.first)
            #expect(endpoint["id"]?.stringValue?.hasPrefix("we_") == true && endpoint["status"] == "enabled")
            let id = try #require(endpoint["id"]?.stringValue)
            let patched = try await api.request(.patch, "/webhook_endpoints/\(id)", json: ["status": "disabled", "events": ["user.created"]])
            #expect(patched.status == .ok)
            return (id: id, secret: secret)
        }
        try await TestEmulator.run(configuration: configuration) { api in
            #expect(api.emulator.webhook?.secret == first.secret)
            let endpoints = try await api.get("/webhook_endpoints").json["data"]?.arrayValue ?? []
            #expect(endpoints.count == 1)
            #expect(endpoints.first?["id"] == .string(first.id) && endpoints.first?["status"] == "enabled")
            #expect(endpoints.first?["events"] == [] && endpoints.first?["updated_at"] == "2030-01-01T00:00:00.000Z")
        }
        // Another URL is another endpoint, made on the environment's clock, which survived the restarts.
        let other = EmulatorConfiguration(port: 0, storage: .directory(directory), webhook: .init(url: "http://127.0.0.1:9/other"))
        try await TestEmulator.run(configuration: other) { api in
            let endpoints = try await api.get("/webhook_endpoints").json["data"]?.arrayValue ?? []
            let made = try #require(endpoints.first { $0["endpoint_url"] == "http://127.0.0.1:9/other" })
            #expect(endpoints.count == 2 && made["created_at"] == "2030-01-01T00:00:00.000Z")
        }
    }
}
