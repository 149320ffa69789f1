import EmulatorCore
import Foundation
import GRDB

/// A row of `redirect_uris`: a URI `/user_management/authorize` may redirect to. Loopback URIs
/// (`localhost`, `127.0.0.1`, `[::1]`, any port and path) are allowed without one, as WorkOS allows
/// them in staging; others must be registered exactly.
struct RedirectURIRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "redirect_uris"

    var id: String
    var uri: String
    var isDefault: Bool
    var createdAt: Date
    var updatedAt: Date

    var wire: JSON {
        [
            "object": "redirect_uri",
            "id": .string(id),
            "uri": .string(uri),
            "default": .bool(isDefault),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func allows(_ uri: String, in db: Database) throws -> Bool {
        try isLoopback(uri) || isRegistered(uri, in: db)
    }

    static func isRegistered(_ uri: String, in db: Database) throws -> Bool {
        try filter(Column("uri") == uri).fetchCount(db) > 0
    }

    /// Where a flow that names no redirect URI sends the browser: the environment's default one.
    static func defaultURI(in db: Database) throws -> String? {
        try filter(Column("is_default") == true).fetchOne(db)?.uri
    }

    static func isLoopback(_ uri: String) -> Bool {
        guard let components = URLComponents(string: uri), ["http", "https"].contains(components.scheme?.lowercased()),
              let host = components.host?.lowercased() else { return false }
        return host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
    }
}
