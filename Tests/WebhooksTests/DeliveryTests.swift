import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

@Suite struct DeliveryTests {
    @Test func aSubscribedEventArrivesSignedWithTheEventsAPIsData() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                let endpoint = try await api.createEndpoint(receiver.url, events: ["organization.created"])
                let org = try await api.post("/organizations", ["name": "Acme", "domains": ["acme.com"]]).json
                try await api.flush()

                // organization_domain.created is not subscribed to.
                #expect(receiver.received.count == 1)
                let delivery = try #require(receiver.received.first)
                #expect(delivery.isSigned(with: endpoint.secret))
                #expect(!delivery.isSigned(with: "whsec_other"))
                let sent = try #require(delivery.timestamp)
                #expect(abs(sent - Date().unixMilliseconds) < 60_000)
                // WorkOS's envelope, in its order; signed as sent.
                #expect(String(decoding: delivery.body, as: UTF8.self).hasPrefix(#"{"id":"event_"#))
                #expect(Set(delivery.json.objectValue?.keys ?? []) == ["id", "event", "data", "created_at"])
                #expect(delivery.json["event"] == "organization.created")
                #expect(delivery.json["data"]?["id"] == org["id"])

                let listed = try await api.get("/events?events=organization.created").json["data"]?.arrayValue?.first
                #expect(listed?["id"] == delivery.json["id"])
                #expect(listed?["data"] == delivery.json["data"])
                #expect(listed?["created_at"] == delivery.json["created_at"])

                let log = try await api.deliveries()
                #expect(log.count == 1)
                #expect(log[0]["state"] == "delivered")
                #expect(log[0]["event_id"] == delivery.json["id"])
                let attempt = try #require(log[0]["attempts"]?.arrayValue?.first)
                #expect(attempt["status"] == 200)
                #expect(attempt["signature"] == .string(delivery.signature ?? ""))
                #expect(attempt["next_retry_at"] == .null)
            }
        }
    }

    @Test func disabledEndpointsGetNothingAndEmptySubscriptionsGetEverything() async throws {
        try await WebhookReceiver.run { everything in
            try await WebhookReceiver.run { disabled in
                try await TestEmulator.run { api in
                    _ = try await api.createEndpoint(everything.url, events: [])
                    let off = try await api.createEndpoint(disabled.url)
                    _ = try await api.request(.patch, "/webhook_endpoints/\(off.id)", json: ["status": "disabled"])
                    _ = try await api.post("/organizations", ["name": "Acme", "domains": ["acme.com"]])
                    _ = try await api.post("/_emulator/events", ["event": "directory.user_created", "data": ["id": "u1"]])
                    try await api.flush()
                    // Different objects go out side by side, so their arrival order is free.
                    #expect(everything.received.count == 3)
                    #expect(Set(everything.received.compactMap { $0.json["event"]?.stringValue }) == [
                        "organization.created", "organization_domain.created", "directory.user_created",
                    ])
                    #expect(disabled.received.isEmpty)
                }
            }
        }
    }

    @Test func deliveryRunsInTheBackgroundAndNeverHoldsUpTheAPI() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                _ = try await api.createEndpoint(receiver.url)
                receiver.closeGate()
                // The receiver takes the webhook but does not answer; the API answers regardless.
                let created = try await api.post("/organizations", ["name": "Acme"])
                #expect(created.status == .created)
                try await receiver.waitFor(count: 1)
                #expect(try await api.get("/organizations").status == .ok)
                #expect(try await api.deliveries().first?["state"] == "pending")
                receiver.openGate()
                try await api.flush()
                #expect(try await api.deliveries().first?["state"] == "delivered")
                #expect(receiver.received.count == 1)
            }
        }
    }

    @Test func eachEnvironmentDeliversItsOwnEvents() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                let other = try await api.newEnvironment()
                _ = try await api.createEndpoint(receiver.url)
                _ = try await other.post("/organizations", ["name": "Other's"])
                try await other.flush()
                try await api.flush()
                #expect(receiver.received.isEmpty)
                #expect(try await other.deliveries().isEmpty)
            }
        }
    }
}
