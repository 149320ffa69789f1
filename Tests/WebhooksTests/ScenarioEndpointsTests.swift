import EmulatorCore
import EmulatorServer
import EmulatorTesting
import Testing

@Suite struct ScenarioEndpointsTests {
    @Test func aScenarioEndpointReceivesWithItsPinnedSecretAndFaults() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                let scenario: JSON = [
                    "webhook_endpoints": [
                        "app": [
                            "url": .string(receiver.url), "secret": "whsec_pinned", "events": ["organization.created"],
                            "faults": ["duplicate": true, "count": 1],
                        ],
                        "off": ["url": "http://127.0.0.1:9/never", "status": "disabled"],
                    ],
                ]
                let applied = try await api.request(.post, "/_emulator/scenarios", json: scenario)
                #expect(applied.status == .created, "\(applied.text)")
                #expect(applied.json["created"]?["webhook_endpoints"]?["app"]?["secret"] == "whsec_pinned")

                _ = try await api.post("/organizations", ["name": "First"])
                _ = try await api.post("/organizations", ["name": "Second"])
                try await api.flush()
                // The first delivery came twice (the fault, for one delivery), the second once.
                #expect(receiver.received.count == 3)
                #expect(receiver.received.allSatisfy { $0.isSigned(with: "whsec_pinned") })
                // The disabled endpoint got nothing queued.
                let log = try await api.deliveries()
                #expect(log.allSatisfy { $0["webhook_endpoint_id"] == applied.json["created"]?["webhook_endpoints"]?["app"]?["id"] })
            }
        }
    }

    @Test func badEndpointsAreReportedWithTheirPaths() throws {
        let text = """
            webhook_endpoints:
              a:
                url: not a url
              b:
                url: http://127.0.0.1:1/hook
                events: [no.such.event]
                faults: { delay_seconds: -1 }
              c:
                url: http://127.0.0.1:1/hook
            """
        do {
            _ = try ScenarioLoader.standard.validate(text: text)
            Issue.record("an invalid scenario validated")
        } catch let invalid as ScenarioLoader.Invalid {
            let paths = invalid.issues.map(\.path)
            #expect(paths.contains("webhook_endpoints.a.url"))
            #expect(paths.contains("webhook_endpoints.b.events"))
            #expect(paths.contains("webhook_endpoints.b.faults"))
            #expect(paths.contains("webhook_endpoints.c.url"))
        }
    }
}
