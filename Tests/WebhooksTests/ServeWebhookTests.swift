import EmulatorCore
import EmulatorServer
import EmulatorTesting
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
}
