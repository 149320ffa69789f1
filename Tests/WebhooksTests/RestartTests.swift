import EmulatorCore
import EmulatorServer
import EmulatorTesting
import Foundation
import Testing

/// The outbox lives in the environment's database: what was accepted before a stop is delivered
/// after the next start.
@Suite struct RestartTests {
    @Test func pendingDeliveriesResumeAfterARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webhooks-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = EmulatorConfiguration(port: 0, storage: .directory(directory))

        try await WebhookReceiver.run { receiver in
            let endpoint = try await TestEmulator.run(configuration: configuration) { api in
                let endpoint = try await api.createEndpoint(receiver.url)
                receiver.respond(with: [500])
                let id = try #require(try await api.post("/organizations", ["name": "Acme"]).json["id"]?.stringValue)
                try await api.flush()
                // Queued behind the failed create, for the same organization.
                _ = try await api.put("/organizations/\(id)", ["name": "Acme Inc"])
                #expect(try await api.deliveries().map { $0["state"] } == ["pending", "pending"])
                return endpoint
            }
            #expect(receiver.received.count == 1)

            try await TestEmulator.run(configuration: configuration) { api in
                // No flush: the background delivery picks the outbox up at start, once the retry is due.
                try api.clock.advance(by: 60)
                try await receiver.waitFor(count: 3)
                #expect(receiver.received.map { $0.json["event"] } == ["organization.created", "organization.created", "organization.updated"])
                #expect(receiver.received.allSatisfy { $0.isSigned(with: endpoint.secret) })
                try await api.flush()
                #expect(try await api.deliveries().map { $0["state"] } == ["delivered", "delivered"])
            }
        }
    }
}
