import EmulatorCore
import EmulatorTesting
import GRDB
import Testing

/// Shortcuts the waitlist suites share.
extension APIClient {
    /// The logged events whose type starts with `prefix`, oldest first.
    func events(_ prefix: String) async throws -> [Event] {
        try await environment.read { db in
            try Event.filter(Column("event").like("\(prefix)%")).order(Column("id")).fetchAll(db)
        }
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

