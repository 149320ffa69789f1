import EmulatorCore
import EmulatorTesting
import Testing

extension APIClient {
    func organization(_ name: String = "Acme") async throws -> String {
        try #require(try await post("/organizations", ["name": .string(name)]).json["id"]?.stringValue)
    }

    /// Records an event; answers the response, so a test can check rejections too.
    @discardableResult
    func auditEvent(_ organizationID: String, action: String = "user.signed_in", occurredAt: String = "2026-01-15T12:00:00.000Z",
                    actor: JSON = ["id": "user_1", "type": "user", "name": "Jon Smith"],
                    targets: JSON = [["id": "team_1", "type": "team"]], metadata: JSON? = nil,
                    version: Int? = nil) async throws -> APIResponse {
        var event: JSON = [
            "action": .string(action), "occurred_at": .string(occurredAt), "actor": actor, "targets": targets,
            "context": ["location": "203.0.113.5", "user_agent": "Chrome/104.0"],
        ]
        if let metadata { event.set("metadata", metadata) }
        if let version { event.set("version", .int(version)) }
        return try await post("/audit_logs/events", ["organization_id": .string(organizationID), "event": event])
    }
}

/// The path and query of a URL the emulator handed out, to request it through the test client.
func pathOf(_ url: String) -> String {
    guard let scheme = url.range(of: "://"), let slash = url[scheme.upperBound...].firstIndex(of: "/") else { return url }
    return String(url[slash...])
}
