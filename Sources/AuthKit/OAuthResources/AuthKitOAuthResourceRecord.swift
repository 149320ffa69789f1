import EmulatorCore
import Foundation
import GRDB

/// A row of `authkit_oauth_resources`: a resource server (RFC 8707 `resource`) AuthKit issues access
/// tokens for. At most one is the environment's default.
struct AuthKitOAuthResourceRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "authkit_oauth_resources"

    var id: String
    var uri: String
    var isDefault: Bool
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, uri, isDefault = "default", createdAt, updatedAt
    }

    var wire: JSON {
        [
            "object": "authkit_oauth_resource",
            "id": .string(id),
            "uri": .string(uri),
            "default": .bool(isDefault),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// An absolute `http(s)` URI with a host and no fragment, as RFC 8707 asks of a resource indicator;
    /// nil otherwise.
    static func validated(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              ["http", "https"].contains(scheme), !(components.host ?? "").isEmpty, components.fragment == nil
        else { return nil }
        return text
    }

    static func find(_ id: String, in db: Database) throws -> AuthKitOAuthResourceRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("OAuth resource", id) }
        return record
    }

    /// Registers the resource; a new default takes the place of the old one, in the same transaction.
    static func register(uri: String, isDefault: Bool, in tx: Transaction) throws -> AuthKitOAuthResourceRecord {
        guard try filter(Column("uri") == uri).fetchCount(tx.db) == 0 else {
            throw APIError(.conflict, code: "duplicate_oauth_resource", message: "The OAuth resource '\(uri)' already exists.")
        }
        if isDefault {
            try filter(Column("default") == true).updateAll(tx.db, Column("default").set(to: false),
                                                            Column("updated_at").set(to: tx.now.unixMilliseconds))
        }
        let record = AuthKitOAuthResourceRecord(id: tx.newID("authkit_oauth_resource"), uri: uri, isDefault: isDefault,
                                                createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        return record
    }
}
