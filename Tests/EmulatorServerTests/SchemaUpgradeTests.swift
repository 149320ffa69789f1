@testable import EmulatorServer
import Foundation
import GRDB
import Testing

/// First migrations create what later ones added (see `AddedColumn`), and the later ones bring older
/// databases level. A database made when every area was at its first migration must come out of the
/// upgrade laid out exactly as a new one, its rows kept.
@Suite struct SchemaUpgradeTests {
    @Test func anUpgradedDatabaseIsLaidOutAsANewOne() throws {
        let new = try DatabaseQueue()
        try EmulatorAreas.schema.migrator.migrate(new)
        let upgraded = try Self.areasAtV1()
        try EmulatorAreas.schema.migrator.migrate(upgraded)

        let newLayout = try new.read(Self.layout)
        #expect(newLayout.contains { $0.hasPrefix("table authorization_role_assignments column 5 group_role_assignment_id") })
        #expect(try upgraded.read(Self.layout) == newLayout)
    }

    @Test func theUpgradeKeepsRowsAndFillsAddedColumns() throws {
        let upgraded = try Self.areasAtV1()
        try EmulatorAreas.schema.migrator.migrate(upgraded)
        try upgraded.read { db in
            let assignment = try #require(try Row.fetchOne(db, sql: "SELECT * FROM authorization_role_assignments"))
            #expect(assignment["id"] as String? == "role_assignment_01OLD")
            #expect(assignment["group_role_assignment_id"] as String? == nil)
            #expect(try String.fetchOne(db, sql: "SELECT group_roles FROM directories") == "[]")
            #expect(try Bool.fetchOne(db, sql: "SELECT sp_certificates_pending FROM sso_connections") == false)
        }
    }

    private static func areasAtV1() throws -> DatabaseQueue {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/areas-v1.sql")
        let database = try DatabaseQueue()
        try database.writeWithoutTransaction { db in try db.execute(sql: try String(contentsOf: fixture, encoding: .utf8)) }
        return database
    }

    /// Every table's columns in order, foreign keys and indexes, and every index's definition.
    private static func layout(_ db: Database) throws -> [String] {
        var lines: [String] = []
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            for column in try Row.fetchAll(db, sql: "PRAGMA table_xinfo(\(table.quotedDatabaseIdentifier))") {
                lines.append("table \(table) column \(column["cid"] as Int) \(column["name"] as String) \(column["type"] as String)"
                             + " notnull=\(column["notnull"] as Int) default=\(column["dflt_value"] as String? ?? "-") pk=\(column["pk"] as Int)")
            }
            for key in try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table.quotedDatabaseIdentifier))") {
                lines.append("table \(table) references \(key["table"] as String)(\(key["to"] as String? ?? "-")) from \(key["from"] as String)"
                             + " on delete \(key["on_delete"] as String) on update \(key["on_update"] as String)")
            }
            for index in try Row.fetchAll(db, sql: "PRAGMA index_list(\(table.quotedDatabaseIdentifier))") {
                let name = index["name"] as String
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_info(?) ORDER BY seqno", arguments: [name])
                // Implicit indexes are numbered in creation order, which a rebuilt table may not keep.
                let label = name.hasPrefix("sqlite_autoindex_") ? "(implicit)" : name
                lines.append("table \(table) index \(label) on \(columns) unique=\(index["unique"] as Int) partial=\(index["partial"] as Int)")
            }
        }
        for sql in try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL") {
            lines.append(sql.split(whereSeparator: \.isWhitespace).joined(separator: " "))
        }
        lines.append(contentsOf: try String.fetchAll(db, sql: "SELECT 'applied ' || identifier FROM grdb_migrations"))
        return lines.sorted()
    }
}
