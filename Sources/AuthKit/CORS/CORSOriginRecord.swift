import EmulatorCore
import Foundation
import GRDB

/// A row of `cors_origins`: a web origin whose pages may call the public AuthKit routes
/// (`authenticate` from a browser with PKCE). Loopback origins are allowed without one.
struct CORSOriginRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "cors_origins"

    var id: String
    var origin: String
    var createdAt: Date
    var updatedAt: Date

    var wire: JSON {
        [
            "object": "cors_origin",
            "id": .string(id),
            "origin": .string(origin),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// `scheme://host[:port]`, lower case, or nil when the text is not an origin.
    static func normalize(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme), let host = components.host?.lowercased(), !host.isEmpty,
              components.path.isEmpty || components.path == "/", components.query == nil else { return nil }
        return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
    }
}
