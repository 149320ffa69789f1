import EmulatorCore
import EmulatorTesting
import Testing

/// The control API over the outbox: the delivery log, redelivery and flush.
@Suite struct DeliveryLogTests {
    @Test func redeliverSendsTheSameEventAgain() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                let endpoint = try await api.createEndpoint(receiver.url)
                _ = try await api.post("/organizations", ["name": "Acme"])
                try await api.flush()
                let original = try #require(try await api.deliveries().first?["id"]?.stringValue)

                let again = try await api.post("/_emulator/webhook_deliveries/\(original)/redeliver")
                #expect(again.status == .created)
                #expect(again.json["state"] == "pending")
                #expect(again.json["id"] != .string(original))
                try await api.flush()
                #expect(receiver.received.count == 2)
                #expect(receiver.received[0].json == receiver.received[1].json)
                #expect(receiver.received.allSatisfy { $0.isSigned(with: endpoint.secret) })

                // A pending delivery is attempted now instead of at its retry time.
                receiver.respond(with: [500])
                _ = try await api.post("/organizations", ["name": "Beta"])
                try await api.flush()
                let pending = try #require(try await api.deliveries("&state=pending").first?["id"]?.stringValue)
                let now = try await api.post("/_emulator/webhook_deliveries/\(pending)/redeliver")
                #expect(now.status == .ok)
                #expect(now.json["id"] == .string(pending))
                try await api.flush()
                #expect(try await api.get("/_emulator/webhook_deliveries/\(pending)").json["state"] == "delivered")

                #expect(try await api.post("/_emulator/webhook_deliveries/webhook_delivery_missing/redeliver").status == .notFound)
                #expect(try await api.post("/_emulator/webhook_deliveries/\(pending)/redeliver", ["now": true]).status == .unprocessableContent)
            }
        }
    }

    @Test func theLogFiltersAndFlushCounts() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                let first = try await api.createEndpoint(receiver.url)
                let second = try await api.createEndpoint(receiver.url + "/second")
                _ = try await api.post("/organizations", ["name": "Acme"])
                let flushed = try await api.flush()
                #expect(flushed["deliveries"]?["delivered"] == 1)
                #expect(flushed["deliveries"]?["failed"] == 0)
                // The second endpoint's path does not exist on the receiver: 404s are failures.
                #expect(flushed["deliveries"]?["pending"] == 1)

                #expect(try await api.deliveries("&webhook_endpoint_id=\(first.id)").map { $0["state"] } == ["delivered"])
                #expect(try await api.deliveries("&webhook_endpoint_id=\(second.id)").map { $0["state"] } == ["pending"])
                let event = try #require(try await api.deliveries().first?["event_id"]?.stringValue)
                #expect(try await api.deliveries("&event_id=\(event)").count == 2)
                #expect(try await api.get("/_emulator/webhook_deliveries?state=lost").status == .unprocessableContent)
                #expect(try await api.post("/_emulator/webhooks/flush", ["wait": true]).status == .unprocessableContent)

                // Deleting an endpoint takes its deliveries with it.
                _ = try await api.delete("/webhook_endpoints/\(second.id)")
                #expect(try await api.deliveries().count == 1)
            }
        }
    }
}
