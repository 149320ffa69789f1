import EmulatorCore
import EmulatorTesting
import GRDB
import Testing

/// Shortcuts the waitlist suites share.
extension APIClient {
    var environment: Environment {
        get throws {
            guard let apiKey, let environment = emulator.registry.environment(apiKey: apiKey) else {
                throw TestFailure("no environment for key \(apiKey ?? "nil")")
            }
            return environment
        }
    }

    /// The logged events whose type starts with `prefix`, oldest first.
    func events(_ prefix: String) async throws -> [Event] {
        try await environment.read { db in
            try Event.filter(Column("event").like("\(prefix)%")).order(Column("id")).fetchAll(db)
        }
    }

    /// Posts and insists on 201, answering the created object.
    func created(_ path: String, _ json: JSON = [:]) async throws -> JSON {
        let response = try await post(path, json)
        guard response.status == .created else { throw TestFailure("\(path) answered \(response.status): \(response.text)") }
        return response.json
    }

    /// Adds the address to the waitlist (`default` by default), answering the entry.
    func join(_ email: String, _ waitlist: String = "default", _ extra: JSON = [:]) async throws -> JSON {
        var body = extra.objectValue ?? [:]
        body["email"] = .string(email)
        return try await created("/user_management/waitlists/\(waitlist)/entries", .object(body))
    }

    /// The outbox messages of one kind, newest first.
    func outbox(kind: String) async throws -> [JSON] {
        try await get("/_emulator/outbox?kind=\(kind)").json["data"]?.arrayValue ?? []
    }
}

extension JSON {
    var id: String {
        get throws { try #require(self["id"]?.stringValue) }
    }

    /// The IDs of a list's items.
    var ids: [String] { (self["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } }
}
