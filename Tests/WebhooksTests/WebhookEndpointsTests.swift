import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct WebhookEndpointsTests {
    @Test func createReturnsTheFullShapeWithASecret() async throws {
        try await TestEmulator.run { api in
            let created = try await api.post("/webhook_endpoints", [
                "endpoint_url": "https://example.com/webhooks", "events": ["user.created", "dsync.user.created"],
            ])
            #expect(created.status == .created)
            let endpoint = created.json
            #expect(endpoint["object"] == "webhook_endpoint")
            #expect(endpoint["id"]?.stringValue?.hasPrefix("we_") == true)
            #expect(endpoint["endpoint_url"] == "https://example.com/webhooks")
            let secret = try #require(endpoint["secret"]?.stringValue)
            #expect(secret.hasPrefix("whsec_") && secret.count == 31)
            #expect(endpoint["status"] == "enabled")
            #expect(endpoint["events"] == ["user.created", "dsync.user.created"])
            #expect(endpoint["created_at"]?.stringValue?.hasSuffix("Z") == true)
            #expect(endpoint["updated_at"] == endpoint["created_at"])
        }
    }

    @Test func badInputIsRejectedWithWorkOSCodes() async throws {
        try await TestEmulator.run { api in
            let notAURL = try await api.post("/webhook_endpoints", ["endpoint_url": "ftp://example.com", "events": ["user.created"]])
            #expect(notAURL.status == .unprocessableContent)
            #expect(notAURL.json["code"] == "invalid_url")

            let unknown = try await api.post("/webhook_endpoints", ["endpoint_url": "https://a.example", "events": ["user.created", "user.exploded"]])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.json["code"] == "invalid_request_parameters")
            #expect(unknown.json["errors"]?.arrayValue?.first?["code"] == "unknown_event_type")
            #expect(unknown.json["errors"]?.arrayValue?.first?["field"] == "events[1]")

            let missing = try await api.post("/webhook_endpoints", ["endpoint_url": "https://a.example"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.json["errors"]?.arrayValue?.first?["field"] == "events")

            _ = try await api.post("/webhook_endpoints", ["endpoint_url": "https://a.example", "events": ["user.created"]])
            let duplicate = try await api.post("/webhook_endpoints", ["endpoint_url": "https://a.example", "events": ["user.deleted"]])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.json["code"] == "duplicate_endpoint")
        }
    }

    @Test func updateListAndDelete() async throws {
        try await TestEmulator.run { api in
            let first = try await api.createEndpoint("https://one.example/hooks")
            let second = try await api.createEndpoint("https://two.example/hooks")

            let updated = try await api.request(.patch, "/webhook_endpoints/\(first.id)", json: [
                "status": "disabled", "events": ["organization.deleted"], "endpoint_url": "https://uno.example/hooks",
            ])
            #expect(updated.status == .ok)
            #expect(updated.json["status"] == "disabled")
            #expect(updated.json["events"] == ["organization.deleted"])
            #expect(updated.json["endpoint_url"] == "https://uno.example/hooks")
            #expect(updated.json["secret"] == .string(first.secret))

            let badStatus = try await api.request(.patch, "/webhook_endpoints/\(first.id)", json: ["status": "paused"])
            #expect(badStatus.status == .unprocessableContent)
            let taken = try await api.request(.patch, "/webhook_endpoints/\(second.id)", json: ["endpoint_url": "https://uno.example/hooks"])
            #expect(taken.json["code"] == "duplicate_endpoint")

            let page = try await api.get("/webhook_endpoints?limit=1")
            #expect(page.json["data"]?.arrayValue?.map { $0["id"] } == [.string(second.id)])
            #expect(page.json["list_metadata"]?["after"] == .string(second.id))
            let next = try await api.get("/webhook_endpoints?limit=1&after=\(second.id)")
            #expect(next.json["data"]?.arrayValue?.map { $0["id"] } == [.string(first.id)])

            #expect(try await api.delete("/webhook_endpoints/\(first.id)").status == .noContent)
            let gone = try await api.delete("/webhook_endpoints/\(first.id)")
            #expect(gone.status == .notFound)
            #expect(gone.json["code"] == "entity_not_found")
            #expect(try await api.request(.patch, "/webhook_endpoints/\(first.id)", json: ["status": "enabled"]).status == .notFound)
        }
    }
}
