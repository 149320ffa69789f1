import GRDB

/// A column that joined its table after the table's first migration. The first migration now creates
/// the table with it, and the later migration adds it only to databases made before: on a new database
/// an `ALTER TABLE` costs a parse of the whole schema (SQLite reloads it), about 1 ms each at start-up.
/// Added columns go last in the table's definition, in the order they were added, so that new and
/// upgraded databases lay the table out alike.
public struct AddedColumn: Sendable {
    public let name: String
    let type: Database.ColumnType
    let constraints: @Sendable (ColumnDefinition) -> Void

    public init(_ name: String, _ type: Database.ColumnType,
                constraints: @escaping @Sendable (ColumnDefinition) -> Void = { _ in }) {
        self.name = name
        self.type = type
        self.constraints = constraints
    }
}

extension TableDefinition {
    public func column(_ added: AddedColumn) {
        added.constraints(column(added.name, added.type))
    }
}

extension Database {
    /// Adds `column` to `table` unless the table already has it.
    public func add(_ column: AddedColumn, toOlder table: String) throws {
        let present = try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM pragma_table_xinfo(?) WHERE name = ?)",
                                        arguments: [table, column.name]) ?? false
        guard !present else { return }
        try alter(table: table) { t in column.constraints(t.add(column: column.name, column.type)) }
    }

    /// Whether the database has `table` yet. GRDB's `tableExists` reads the whole schema again after each
    /// change to it (about 0.4 ms on a new database); this looks up the one name.
    public func has(table: String) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)",
                          arguments: [table]) ?? false
    }
}
