import EmulatorCore
import EmulatorTesting
import Testing

/// Failed attempts are retried on the environment's clock: 1 min, 4 min, 16 min, … then `failed`.
@Suite struct RetryTests {
    @Test func aRejectedDeliveryIsRetriedWhenTheClockSaysSo() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                // Only the test moves time: a slow run must not make the retry due before it says so.
                _ = try await api.post("/_emulator/clock", ["frozen": true])
                let endpoint = try await api.createEndpoint(receiver.url)
                receiver.respond(with: [500])
                _ = try await api.post("/organizations", ["name": "Acme"])
                try await api.flush()
                var delivery = try #require(try await api.deliveries().first)
                #expect(delivery["state"] == "pending")
                #expect(delivery["attempt_count"] == 1)
                let failed = try #require(delivery["attempts"]?.arrayValue?.first)
                #expect(failed["status"] == 500)
                #expect(failed["next_retry_at"] == delivery["next_attempt_at"])
                let attemptedAt = try #require(failed["attempted_at"]?.stringValue.flatMap(Timestamp.parse))
                let retryAt = try #require(delivery["next_attempt_at"]?.stringValue.flatMap(Timestamp.parse))
                #expect(retryAt.timeIntervalSince(attemptedAt) == 60)

                // Not due yet: a flush sends nothing.
                try api.clock.advance(by: 50)
                try await api.flush()
                #expect(receiver.received.count == 1)

                try api.clock.advance(by: 11)
                try await api.flush()
                #expect(receiver.received.count == 2)
                #expect(receiver.received.allSatisfy { $0.isSigned(with: endpoint.secret) })
                #expect(receiver.received[0].body == receiver.received[1].body)
                delivery = try #require(try await api.deliveries().first)
                #expect(delivery["state"] == "delivered")
                #expect(delivery["attempts"]?.arrayValue?.map { $0["status"] } == [500, 200])
                #expect(delivery["next_attempt_at"] == .null)
            }
        }
    }

    @Test func aClosedPortIsAFailedAttemptToo() async throws {
        let closed = try await WebhookReceiver.run { $0.url }
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                let endpoint = try await api.createEndpoint(closed)
                _ = try await api.post("/organizations", ["name": "Acme"])
                try await api.flush()
                let attempt = try #require(try await api.deliveries().first?["attempts"]?.arrayValue?.first)
                #expect(attempt["status"] == .null)
                #expect(attempt["error"]?.stringValue?.isEmpty == false)

                _ = try await api.request(.patch, "/webhook_endpoints/\(endpoint.id)", json: ["endpoint_url": .string(receiver.url)])
                try api.clock.advance(by: 60)
                try await api.flush()
                #expect(receiver.received.count == 1)
                #expect(try await api.deliveries().first?["state"] == "delivered")
            }
        }
    }

    @Test func theScheduleEndsInFailed() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                _ = try await api.createEndpoint(receiver.url)
                receiver.respond(with: Array(repeating: 503, count: 10))
                _ = try await api.post("/organizations", ["name": "Acme"])
                try await api.flush()
                for wait in [60, 240, 960, 3840, 15360, 61440] as [Double] {
                    try api.clock.advance(by: wait)
                    try await api.flush()
                }
                #expect(receiver.received.count == 7)
                let delivery = try #require(try await api.deliveries().first)
                #expect(delivery["state"] == "failed")
                #expect(delivery["attempt_count"] == 7)
                #expect(delivery["next_attempt_at"] == .null)
                #expect(delivery["attempts"]?.arrayValue?.last?["next_retry_at"] == .null)
                try api.clock.advance(by: 86_400 * 7)
                try await api.flush()
                #expect(receiver.received.count == 7)
            }
        }
    }

    @Test func eventsAboutOneObjectWaitForTheOnesBefore() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                _ = try await api.createEndpoint(receiver.url)
                receiver.respond(with: [500])
                let id = try #require(try await api.post("/organizations", ["name": "Acme"]).json["id"]?.stringValue)
                try await api.flush()
                _ = try await api.put("/organizations/\(id)", ["name": "Acme Inc"])
                let other = try await api.post("/organizations", ["name": "Other"]).json
                try await api.flush()
                // The update waits behind the failed create; another organization's event does not.
                #expect(receiver.received.map { $0.json["event"] } == ["organization.created", "organization.created"])
                #expect(receiver.received.last?.json["data"]?["id"] == other["id"])
                try api.clock.advance(by: 60)
                try await api.flush()
                #expect(receiver.received.suffix(2).map { $0.json["event"] } == ["organization.created", "organization.updated"])
                #expect(receiver.received.suffix(2).allSatisfy { $0.json["data"]?["id"] == .string(id) })
            }
        }
    }
}
