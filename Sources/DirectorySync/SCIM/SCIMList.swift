import EmulatorCore
import GRDB
import Hummingbird

/// A SCIM query (RFC 7644 §3.4.2): `filter`, 1-based `startIndex`, `count` and the attribute
/// projection, from a GET's query string or a `/.search` body.
struct SCIMListQuery {
    static let defaultCount = 100
    static let maxCount = 1000

    var filter: SCIMFilter?
    var startIndex = 1
    var count = defaultCount
    var projection: SCIMProjection

    init(_ request: Request, type: SCIMResourceType) throws {
        let query = QueryParameters(request)
        try self.init(filter: query.string("filter"), startIndex: query.string("startIndex"), count: query.string("count"),
                      attributes: query.list("attributes"), excluded: query.list("excludedAttributes"), type: type)
    }

    init(search body: JSONObject, type: SCIMResourceType) throws {
        func text(_ key: String) -> String? {
            guard let value = SCIMFilter.lookup(key, in: body) else { return nil }
            return value.stringValue ?? value.intValue.map(String.init)
        }
        func list(_ key: String) -> [String] {
            SCIMFilter.lookup(key, in: body)?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        try self.init(filter: text("filter"), startIndex: text("startIndex"), count: text("count"),
                      attributes: list("attributes"), excluded: list("excludedAttributes"), type: type)
    }

    private init(filter: String?, startIndex: String?, count: String?, attributes: [String], excluded: [String],
                 type: SCIMResourceType) throws {
        let schemas = [type.schema] + type.extensions
        self.filter = try filter.flatMap { $0.isEmpty ? nil : try SCIMFilter.parse($0, schemas: schemas) }
        func integer(_ name: String, _ text: String?) throws -> Int? {
            guard let text else { return nil }
            guard let value = Int(text) else { throw SCIMError.invalidValue("\(name) must be an integer.") }
            return value
        }
        // Out-of-range values are taken as the nearest valid ones, as RFC 7644 §3.4.2.4 asks.
        self.startIndex = max(1, try integer("startIndex", startIndex) ?? 1)
        self.count = min(Self.maxCount, max(0, try integer("count", count) ?? Self.defaultCount))
        guard attributes.isEmpty || excluded.isEmpty else {
            throw SCIMError.invalidValue("attributes and excludedAttributes cannot be given together.")
        }
        projection = SCIMProjection(attributes: attributes, excluded: excluded, schemas: schemas)
    }

    /// The filter's single `attribute eq "value"` on an indexed column, which SQL can answer alone.
    func indexedEquality(_ columns: [String: String]) -> (column: String, value: String)? {
        guard case .compare(let path, .eq, .string(let value))? = filter, path.sub == nil else { return nil }
        return columns.first { $0.key.caseInsensitiveCompare(path.name) == .orderedSame }.map { ($0.value, value) }
    }

    /// One page of the resources that pass the filter. `records` is every candidate, in ID order;
    /// `render` shows one as SCIM does. When SQL answered the whole filter, only the page is rendered.
    func page<Record: FetchableRecord & TableRecord>(
        _ records: QueryInterfaceRequest<Record>, sqlFiltered: Bool, in db: Database,
        caseExact: (String, String?) -> Bool, render: ([Record]) throws -> [JSONObject]
    ) throws -> JSON {
        let total: Int
        let resources: [JSONObject]
        if let filter, !sqlFiltered {
            let matching = try render(try records.fetchAll(db)).filter { filter.matches($0, caseExact: caseExact) }
            total = matching.count
            resources = Array(matching.dropFirst(startIndex - 1).prefix(count))
        } else {
            total = try records.fetchCount(db)
            resources = try render(try records.limit(count, offset: startIndex - 1).fetchAll(db))
        }
        return Self.listResponse(resources.map(projection.apply).map(JSON.object), total: total, startIndex: startIndex)
    }

    static func listResponse(_ resources: [JSON], total: Int, startIndex: Int = 1) -> JSON {
        [
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": .int(total),
            "startIndex": .int(startIndex),
            "itemsPerPage": .int(resources.count),
            "Resources": .array(resources),
        ]
    }
}

extension SCIMResourceType {
    /// Whether strings of an attribute (and sub-attribute) compare with case, for filters.
    func caseExact(_ name: String, _ sub: String?) -> Bool {
        if ["id", "externalid"].contains(name.lowercased()) { return true }
        let attribute = ([schema] + extensions).lazy.compactMap { $0.attribute(name) }.first
        guard let attribute else { return false }
        return sub.map { attribute.subAttribute($0)?.caseExact ?? false } ?? attribute.caseExact
    }
}
