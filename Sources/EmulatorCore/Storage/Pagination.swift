import GRDB

/// A record listed with cursors: its `id` column orders it (IDs are time-ordered ULIDs, see `ObjectID`).
public protocol ListableRecord: FetchableRecord, TableRecord, Sendable {
    var id: String { get }
}

extension QueryInterfaceRequest where RowDecoder: ListableRecord {
    /// One page, found through the `id` index (or a composite `(filter…, id)` index), so a page costs
    /// the same however many rows the table holds. A cursor need not name an existing row.
    public func page(_ query: ListQuery, in db: Database) throws -> Page<RowDecoder> {
        let id = Column("id")
        let descending = query.order != .asc
        // "Forward" walks deeper in display order; `normal` swaps which cursor does that.
        let (forwardCursor, backwardCursor) = query.order == .normal ? (query.before, query.after) : (query.after, query.before)

        func deeper(_ cursor: String) -> SQLExpression { descending ? id < cursor : id > cursor }
        func shallower(_ cursor: String) -> SQLExpression { descending ? id > cursor : id < cursor }

        var window = self
        if let forwardCursor { window = window.filter(deeper(forwardCursor)) }
        let rows: [RowDecoder]
        var hasEarlier: Bool
        var hasLater: Bool
        if let backwardCursor {
            // The page that ends just before the cursor: read it in reverse, then turn it round.
            let reversed = try window.filter(shallower(backwardCursor))
                .order(descending ? id.asc : id.desc).limit(query.limit + 1).cachedFetchAll(db)
            hasEarlier = reversed.count > query.limit
            rows = Array(reversed.prefix(query.limit).reversed())
            hasLater = try rows.last.map { try self.filter(deeper($0.id)).cachedIsEmpty(db) == false } ?? false
        } else {
            let fetched = try window.order(descending ? id.desc : id.asc).limit(query.limit + 1).cachedFetchAll(db)
            hasLater = fetched.count > query.limit
            rows = Array(fetched.prefix(query.limit))
            hasEarlier = try rows.first.map { try self.filter(shallower($0.id)).cachedIsEmpty(db) == false } ?? false
        }
        let first = hasEarlier ? rows.first?.id : nil
        let last = hasLater ? rows.last?.id : nil
        return query.order == .normal
            ? Page(data: rows, before: last, after: first)
            : Page(data: rows, before: first, after: last)
    }
}
