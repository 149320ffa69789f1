import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// Faults on purpose: what a webhook handler must survive, on one endpoint, through the control API.
@Suite struct FaultsTests {
    private func setFaults(_ api: APIClient, _ endpoint: Endpoint, _ faults: JSON) async throws {
        let set = try await api.request(.put, "/_emulator/webhook_endpoints/\(endpoint.id)/faults", json: faults)
        #expect(set.status == .ok, "\(set.text)")
    }

    @Test func duplicatesBadSignaturesAndStaleTimestampsHitTheFirstAttemptOnly() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                let endpoint = try await api.createEndpoint(receiver.url)
                try await setFaults(api, endpoint, ["duplicate": true, "count": 1])
                _ = try await api.post("/organizations", ["name": "Twice"])
                try await api.flush()
                #expect(receiver.received.count == 2)
                #expect(receiver.received[0].body == receiver.received[1].body)
                #expect(receiver.received.allSatisfy { $0.isSigned(with: endpoint.secret) })
                // The count is used up.
                #expect(try await api.get("/_emulator/webhook_endpoints/\(endpoint.id)/faults").json["duplicate"] == false)

                try await setFaults(api, endpoint, ["bad_signature": true])
                receiver.respond(with: [400])
                _ = try await api.post("/organizations", ["name": "Forged"])
                try await api.flush()
                #expect(receiver.received.count == 3)
                #expect(!receiver.received[2].isSigned(with: endpoint.secret))
                // The retry is genuine.
                try api.clock.advance(by: 60)
                try await api.flush()
                #expect(receiver.received.count == 4)
                #expect(receiver.received[3].isSigned(with: endpoint.secret))

                try await setFaults(api, endpoint, ["stale_timestamp_seconds": 600])
                _ = try await api.post("/organizations", ["name": "Stale"])
                try await api.flush()
                let stale = try #require(receiver.received.last)
                #expect(stale.isSigned(with: endpoint.secret))
                #expect(Date().unixMilliseconds - (stale.timestamp ?? 0) >= 600_000)
                #expect(try await api.deliveries().last?["faults"] == ["stale_timestamp_seconds": 600])
            }
        }
    }

    @Test func dropsDelaysAndReordering() async throws {
        try await WebhookReceiver.run { receiver in
            try await TestEmulator.run { api in
                let endpoint = try await api.createEndpoint(receiver.url)
                try await setFaults(api, endpoint, ["drop": true, "count": 1])
                _ = try await api.post("/organizations", ["name": "Dropped"])
                try await api.flush()
                #expect(receiver.received.isEmpty)
                #expect(try await api.deliveries().map { $0["state"] } == ["dropped"])
                // The Events API still has it: that is how a handler catches up.
                #expect(try await api.get("/events?events=organization.created").json["data"]?.arrayValue?.count == 1)

                try await setFaults(api, endpoint, ["delay_seconds": 300, "count": 1])
                _ = try await api.post("/organizations", ["name": "Late"])
                try await api.flush()
                #expect(receiver.received.isEmpty)
                try api.clock.advance(by: 300)
                try await api.flush()
                #expect(receiver.received.map { $0.json["data"]?["name"] } == ["Late"])

                try await setFaults(api, endpoint, ["reorder": true, "count": 2])
                let id = try #require(try await api.post("/organizations", ["name": "First"]).json["id"]?.stringValue)
                _ = try await api.put("/organizations/\(id)", ["name": "Second"])
                try await api.flush()
                #expect(receiver.received.suffix(2).map { $0.json["event"] } == ["organization.updated", "organization.created"])
            }
        }
    }

    @Test func faultsAreValidatedAndCleared() async throws {
        try await TestEmulator.run { api in
            let endpoint = try await api.createEndpoint("https://example.com/hooks")
            let path = "/_emulator/webhook_endpoints/\(endpoint.id)/faults"
            #expect(try await api.request(.put, path, json: ["explode": true]).status == .unprocessableContent)
            #expect(try await api.request(.put, path, json: ["count": 0]).status == .unprocessableContent)
            #expect(try await api.request(.put, path, json: ["delay_seconds": -1]).status == .unprocessableContent)
            #expect(try await api.request(.put, path, json: ["duplicate": "yes"]).status == .unprocessableContent)
            #expect(try await api.request(.put, "/_emulator/webhook_endpoints/we_missing/faults", json: [:]).status == .notFound)

            let set = try await api.request(.put, path, json: ["drop": true, "count": 3]).json
            #expect(set["object"] == "webhook_faults")
            #expect(set["drop"] == true)
            #expect(set["count"] == 3)
            #expect(try await api.delete(path).status == .noContent)
            let cleared = try await api.get(path).json
            #expect(cleared["drop"] == false)
            #expect(cleared["count"] == .null)
        }
    }
}
