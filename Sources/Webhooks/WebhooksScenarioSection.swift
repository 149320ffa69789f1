import EmulatorCore

/// `webhook_endpoints:` in a scenario file: endpoints with pinned secrets, and the faults they start with.
///
/// ```yaml
/// webhook_endpoints:
///   app:
///     url: http://127.0.0.1:3000/webhooks
///     secret: whsec_pinned_for_tests      # optional; generated otherwise
///     events: [user.created, dsync.user.created]   # optional; empty or absent: every event
///     status: enabled                     # or disabled
///     faults: { duplicate: true, count: 3 }   # optional, as PUT /_emulator/webhook_endpoints/{id}/faults
/// ```
public struct WebhooksScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "webhook_endpoints"

    public var entrySchema: JSON {
        [
            "type": "object", "additionalProperties": false, "required": ["url"],
            "properties": [
                "id": ["type": "string", "pattern": "^we_"],
                "url": ["type": "string", "format": "uri"],
                "secret": ["type": "string", "minLength": 1],
                "events": ["type": "array", "items": ["type": "string"]],
                "status": ["enum": ["enabled", "disabled"]],
                "faults": [
                    "type": "object", "additionalProperties": false,
                    "properties": [
                        "duplicate": ["type": "boolean"], "reorder": ["type": "boolean"], "drop": ["type": "boolean"],
                        "bad_signature": ["type": "boolean"], "delay_seconds": ["type": "integer", "minimum": 0],
                        "stale_timestamp_seconds": ["type": "integer", "minimum": 0], "count": ["type": "integer", "minimum": 1],
                    ],
                ],
            ],
        ]
    }

    struct Plan: ScenarioPlan {
        var endpoints: [(name: String, endpoint: NewWebhookEndpoint)]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try endpoints.map { name, endpoint in
                let record = try endpoint.create(in: tx)
                names.record("webhook_endpoints", name, id: record.id)
                return (name, record.wire)
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        var urls: [String: String] = [:]
        let endpoints = entries.compactMap { entry -> (String, NewWebhookEndpoint)? in
            entry.rejectUnknownKeys(["id", "url", "secret", "events", "status", "faults"], in: issues)
            var endpoint = NewWebhookEndpoint(url: "", events: [])
            if let raw = entry.string("url", in: issues, required: true) {
                do {
                    endpoint.url = try EndpointInput.url(raw)
                    if let other = urls[endpoint.url] { issues.report(entry["url"]!, "url is also \(other)'s.") }
                    urls[endpoint.url] = entry.name
                } catch { issues.report(entry["url"]!, "url must be an absolute http(s) URL.") }
            }
            endpoint.id = entry.string("id", in: issues)
            if let id = endpoint.id, !id.hasPrefix("we_") { issues.report(entry["id"]!, "id must start with we_.") }
            endpoint.secret = entry.string("secret", in: issues)
            let names = entry.list("events", in: issues).compactMap { item -> String? in
                guard let name = item.json.stringValue else {
                    issues.report(item, "an event type is a string.")
                    return nil
                }
                return name
            }
            do { endpoint.events = try EndpointInput.events(names) } catch let error as APIError {
                for fieldError in error.body["errors"]?.arrayValue ?? [] {
                    issues.report(entry["events"]!, fieldError["message"]?.stringValue ?? "unknown event type")
                }
            } catch {}
            if let status = entry.string("status", in: issues) {
                if let parsed = WebhookEndpointRecord.Status(rawValue: status) { endpoint.status = parsed } else {
                    issues.report(entry["status"]!, "status must be enabled or disabled.")
                }
            }
            if let faults = entry.object("faults", in: issues) {
                do {
                    _ = try WebhookFaultsRecord(endpointID: "", body: JSONBody(faults))
                    endpoint.faults = faults
                } catch let error as APIError {
                    issues.report(entry["faults"]!, error.body["message"]?.stringValue ?? "invalid faults")
                } catch {}
            }
            return endpoint.url.isEmpty ? nil : (entry.name, endpoint)
        }
        return Plan(endpoints: endpoints)
    }
}
