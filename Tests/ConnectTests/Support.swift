import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// Shortcuts the Connect suites share.
extension APIClient {
    func application(_ body: JSON) async throws -> JSON {
        try await created("/connect/applications", body)
    }
}

extension JSON {
    /// The names of the fields a validation error lists.
    var errorFields: [String] { (self["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue } }
}
