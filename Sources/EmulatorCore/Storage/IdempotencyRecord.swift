import Foundation
import GRDB

/// The first response to a POST that carried an `Idempotency-Key`, replayed for a repeat of the same
/// key on the same route.
public struct IdempotencyRecord: EmulatorRecord {
    public static let databaseTableName = "idempotency_records"

    public var key: String
    public var route: String
    public var status: Int
    public var body: Data
    public var createdAt: Date

    public init(key: String, route: String, status: Int, body: Data, createdAt: Date) {
        self.key = key
        self.route = route
        self.status = status
        self.body = body
        self.createdAt = createdAt
    }

    public static func find(key: String, route: String, in db: Database) throws -> IdempotencyRecord? {
        try filter(Column("key") == key && Column("route") == route).fetchOne(db)
    }

    static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("core.idempotency") { db in
            try db.create(table: databaseTableName) { t in
                t.column("key", .text).notNull()
                t.column("route", .text).notNull()
                t.column("status", .integer).notNull()
                t.column("body", .blob).notNull()
                t.column("created_at", .integer).notNull()
                t.primaryKey(["key", "route"])
            }
        }
    }
}
