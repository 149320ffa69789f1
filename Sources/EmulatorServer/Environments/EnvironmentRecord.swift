import EmulatorCore
import Foundation
import GRDB

/// A row of the registry's `environments` table: an environment's identity and keys. Its data lives
/// in a database of its own.
struct EnvironmentRecord: EmulatorRecord {
    static let databaseTableName = "environments"
    static let defaultID = "environment_default"

    var id: String
    var name: String
    var apiKey: String
    var clientId: String
    var createdAt: Date

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("registry.v1") { db in
            try db.create(table: databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("api_key", .text).notNull().unique()
                t.column("client_id", .text).notNull().unique()
                t.column("created_at", .integer).notNull()
            }
        }
        return migrator
    }
}

extension Environment {
    /// How the control API shows an environment.
    var wire: JSON {
        [
            "object": "environment",
            "id": .string(id),
            "name": .string(name),
            "api_key": .string(apiKey),
            "client_id": .string(clientID),
            "default": .bool(id == EnvironmentRecord.defaultID),
        ]
    }
}
