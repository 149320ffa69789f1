/// The list parameters every WorkOS list operation takes: `limit` (1–100, default 10), `before`,
/// `after` and `order` (`desc` by default, `asc`, or `normal`: descending, with `before` reaching
/// older records and `after` newer ones).
public struct ListQuery: Sendable {
    public enum Order: String, Sendable { case asc, desc, normal }

    public var limit: Int
    public var before: String?
    public var after: String?
    public var order: Order

    public init(limit: Int = 10, before: String? = nil, after: String? = nil, order: Order = .desc) {
        self.limit = limit
        self.before = before
        self.after = after
        self.order = order
    }

    public init(_ query: QueryParameters) throws {
        let limit = try query.int("limit") ?? 10
        guard (1...100).contains(limit) else {
            throw APIError.invalidParameter("limit", code: "invalid_value", "limit must be between 1 and 100.")
        }
        var order = Order.desc
        if let text = query.string("order") {
            guard let parsed = Order(rawValue: text) else {
                throw APIError.invalidParameter("order", code: "invalid_value", "order must be one of asc, desc, normal.")
            }
            order = parsed
        }
        self.init(limit: limit, before: query.string("before"), after: query.string("after"), order: order)
    }
}

/// One page of a list and the cursors around it.
public struct Page<Item>: Sendable where Item: Sendable {
    public var data: [Item]
    public var before: String?
    public var after: String?

    public init(data: [Item], before: String?, after: String?) {
        self.data = data
        self.before = before
        self.after = after
    }

    public func map<T>(_ transform: (Item) throws -> T) rethrows -> Page<T> {
        Page<T>(data: try data.map(transform), before: before, after: after)
    }

    /// `{"object": "list", "data": […], "list_metadata": {"before": …, "after": …}}`
    public func wire(_ transform: (Item) -> JSON) -> JSON {
        [
            "object": "list",
            "data": .array(data.map(transform)),
            "list_metadata": ["before": .string(before), "after": .string(after)],
        ]
    }
}

extension Page where Item: WireRepresentable {
    public var wire: JSON { wire(\.wire) }
}
