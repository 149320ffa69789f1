import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// Shortcuts the Connect suites share.
extension APIClient {
    /// Posts and insists on 201, answering the created object.
    func created(_ path: String, _ json: JSON = [:]) async throws -> JSON {
        let response = try await post(path, json)
        guard response.status == .created else { throw TestFailure("\(path) answered \(response.status): \(response.text)") }
        return response.json
    }

    func organization(_ name: String = "Acme") async throws -> String {
        try await created("/organizations", ["name": .string(name)]).id
    }

    func application(_ body: JSON) async throws -> JSON {
        try await created("/connect/applications", body)
    }
}

extension JSON {
    var id: String {
        get throws { try #require(self["id"]?.stringValue) }
    }

    /// The IDs of a list's items.
    var ids: [String] { (self["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } }

    /// The names of the fields a validation error lists.
    var errorFields: [String] { (self["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue } }
}
