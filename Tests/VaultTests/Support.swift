import EmulatorCore
import EmulatorTesting
import Foundation
import GRDB
import Testing

/// Shortcuts the Vault suites share.
extension APIClient {
    /// The logged event types that start with `vault.`, oldest first.
    func vaultEvents() async throws -> [Event] {
        try await environment.read { db in
            try Event.filter(Column("event").like("vault.%")).order(Column("id")).fetchAll(db)
        }
    }

    /// `POST /vault/v1/kv`, answering the new object's metadata.
    func object(_ name: String, _ value: String, context: JSON = ["organization_id": "org_1"]) async throws -> JSON {
        try await expect(201, post: "/vault/v1/kv", ["name": .string(name), "value": .string(value), "key_context": context])
    }
}

extension JSON {
    func string(_ key: String) throws -> String { try #require(self[key]?.stringValue) }

    /// The names of a list's items, in order.
    var names: [String] { (self["data"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue } }
}
