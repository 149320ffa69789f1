import GRDB

// Compiling SQL was the largest single cost of a read in a profile of the release build: GRDB's query
// interface writes and compiles a new statement on every call. The fetches below compile each distinct
// SQL text once per connection and reuse it. For the emulator's records they take over GRDB's own
// methods of the same names (these overloads are more specific), so every area gets them unchanged.

extension QueryInterfaceRequest where RowDecoder: FetchableRecord {
    public func cachedFetchAll(_ db: Database) throws -> [RowDecoder] {
        try SQLRequest<RowDecoder>(literal: "\(self)", cached: true).fetchAll(db)
    }

    /// The first row; stepping stops there, so no `LIMIT` is needed (and none replaces the request's).
    public func cachedFetchOne(_ db: Database) throws -> RowDecoder? {
        try SQLRequest<RowDecoder>(literal: "\(self)", cached: true).fetchOne(db)
    }

    public func cachedIsEmpty(_ db: Database) throws -> Bool {
        try SQLRequest<Bool>(literal: "SELECT EXISTS (\(self))", cached: true).fetchOne(db) != true
    }
}

extension QueryInterfaceRequest where RowDecoder: EmulatorRecord {
    public func fetchAll(_ db: Database) throws -> [RowDecoder] { try cachedFetchAll(db) }
    public func fetchOne(_ db: Database) throws -> RowDecoder? { try cachedFetchOne(db) }
    public func isEmpty(_ db: Database) throws -> Bool { try cachedIsEmpty(db) }
}

extension EmulatorRecord {
    /// The record whose single-column primary key is `key`.
    public static func fetchOne(_ db: Database, key: String) throws -> Self? {
        let columns = try db.primaryKey(databaseTableName).columns
        precondition(columns.count == 1, "\(databaseTableName) has a composite primary key")
        let statement = try db.cachedStatement(
            sql: "SELECT * FROM \(databaseTableName.quotedDatabaseIdentifier) WHERE \(columns[0].quotedDatabaseIdentifier) = ?")
        return try fetchOne(statement, arguments: [key])
    }

    public static func fetchAll(_ db: Database) throws -> [Self] { try all().cachedFetchAll(db) }

    /// The records whose `column` equals `value`, in `id` order. The SQL is fixed, so nothing is generated
    /// per call: for the lookups every write makes (an address, the webhook endpoints of each event),
    /// generating SQL from the query interface cost more than running it.
    public static func fetchAll(_ db: Database, where column: String, is value: some DatabaseValueConvertible) throws -> [Self] {
        try fetchAll(db.cachedStatement(sql: selection(where: column) + " ORDER BY id"), arguments: [value])
    }

    /// The first record whose `column` equals `value`.
    public static func fetchOne(_ db: Database, where column: String, is value: some DatabaseValueConvertible) throws -> Self? {
        try fetchOne(db.cachedStatement(sql: selection(where: column)), arguments: [value])
    }

    /// The records whose `column` is one of `values`, grouped by `column` and in `id` order within each
    /// group (one statement per count of values). An index on `(column, id)` yields that order as it is
    /// searched; ordered by `id` alone, SQLite sorted the rows in a temporary B-tree on every call.
    public static func fetchAll(_ db: Database, where column: String, isIn values: [String]) throws -> [Self] {
        guard !values.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: values.count).joined(separator: ",")
        let sql = "SELECT * FROM \(databaseTableName.quotedDatabaseIdentifier) WHERE \(column.quotedDatabaseIdentifier) IN (\(placeholders))"
            + " ORDER BY \(column.quotedDatabaseIdentifier), id"
        return try fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(values))
    }

    private static func selection(where column: String) -> String {
        "SELECT * FROM \(databaseTableName.quotedDatabaseIdentifier) WHERE \(column.quotedDatabaseIdentifier) = ?"
    }
}
