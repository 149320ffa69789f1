import GRDB

/// A record listed with cursors: its `id` column orders it (IDs are time-ordered ULIDs, see `ObjectID`).
public protocol ListableRecord: FetchableRecord, TableRecord, Sendable {
    var id: String { get }
}

extension QueryInterfaceRequest where RowDecoder: ListableRecord {
    /// One page, found through the `id` index (or a composite `(filter…, id)` index), so a page costs
    /// the same however many rows the table holds. A cursor need not name an existing row.
    ///
    /// The request's SQL is generated once and wrapped in fixed SQL for the page and for the probe on its
    /// other side (SQLite flattens the subquery, so the indexes serve as before): generating SQL through
    /// the query interface for each of the two was a tenth of a list page's cost.
    public func page(_ query: ListQuery, in db: Database) throws -> Page<RowDecoder> {
        let (base, arguments) = try SQL("\(self)").build(db)
        let descending = query.order != .asc
        // "Forward" walks deeper in display order; `normal` swaps which cursor does that.
        let (forwardCursor, backwardCursor) = query.order == .normal ? (query.before, query.after) : (query.after, query.before)
        let deeper = descending ? "<" : ">"
        let shallower = descending ? ">" : "<"

        func rows(_ conditions: [(String, String)], ascending: Bool) throws -> [RowDecoder] {
            let sql = "SELECT * FROM (\(base)) WHERE 1" + conditions.map { " AND id \($0.0) ?" }.joined()
                + " ORDER BY id \(ascending ? "ASC" : "DESC") LIMIT ?"
            let values: [any DatabaseValueConvertible] = conditions.map(\.1) + [query.limit + 1]
            return try RowDecoder.fetchAll(db.cachedStatement(sql: sql), arguments: arguments + StatementArguments(values))
        }

        func exists(_ comparison: String, _ cursor: String) throws -> Bool {
            let sql = "SELECT EXISTS (SELECT 1 FROM (\(base)) WHERE id \(comparison) ?)"
            return try Bool.fetchOne(db.cachedStatement(sql: sql), arguments: arguments + [cursor]) == true
        }

        let forward = forwardCursor.map { [(deeper, $0)] } ?? []
        let fetched: [RowDecoder]
        var hasEarlier: Bool
        var hasLater: Bool
        if let backwardCursor {
            // The page that ends just before the cursor: read it in reverse, then turn it round.
            let reversed = try rows(forward + [(shallower, backwardCursor)], ascending: descending)
            hasEarlier = reversed.count > query.limit
            fetched = Array(reversed.prefix(query.limit).reversed())
            hasLater = try fetched.last.map { try exists(deeper, $0.id) } ?? false
        } else {
            let page = try rows(forward, ascending: !descending)
            hasLater = page.count > query.limit
            fetched = Array(page.prefix(query.limit))
            hasEarlier = try fetched.first.map { try exists(shallower, $0.id) } ?? false
        }
        let first = hasEarlier ? fetched.first?.id : nil
        let last = hasLater ? fetched.last?.id : nil
        return query.order == .normal
            ? Page(data: fetched, before: last, after: first)
            : Page(data: fetched, before: first, after: last)
    }
}
