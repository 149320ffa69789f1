import EmulatorCore

/// An attribute path (RFC 7644 §3.10): `userName`, `name.givenName`, or one qualified by its schema,
/// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
struct SCIMAttributePath: Equatable, Sendable {
    /// The schema URN the path was qualified with, if any.
    var urn: String?
    /// Empty when the path names a whole extension by its URN.
    var name: String
    var sub: String?

    /// Splits a path, telling a schema URN (which holds dots: `…:2.0:User`) from the attribute after it.
    init(_ text: String, schemas: [SCIMSchema]) {
        var rest = Substring(text)
        let lower = text.lowercased()
        if lower.hasPrefix("urn:") {
            if let schema = schemas.filter({ lower == $0.id.lowercased() || lower.hasPrefix($0.id.lowercased() + ":") })
                .max(by: { $0.id.count < $1.id.count }) {
                urn = schema.id
                rest = rest.dropFirst(min(rest.count, schema.id.count + 1))
            } else if let colon = text.lastIndex(of: ":") {
                urn = String(text[..<colon])
                rest = text[text.index(after: colon)...]
            }
        }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        name = parts.first.map(String.init) ?? ""
        sub = parts.count > 1 ? String(parts[1]) : nil
    }

    init(urn: String? = nil, name: String, sub: String? = nil) {
        self.urn = urn
        self.name = name
        self.sub = sub
    }
}

/// A filter expression (RFC 7644 §3.4.2.2) and its evaluation against resource documents.
indirect enum SCIMFilter: Sendable {
    enum Operator: String, Sendable { case eq, ne, co, sw, ew, gt, lt, ge, le }

    case compare(SCIMAttributePath, Operator, JSON)
    case present(SCIMAttributePath)
    case valuePath(SCIMAttributePath, SCIMFilter)
    case and(SCIMFilter, SCIMFilter)
    case or(SCIMFilter, SCIMFilter)
    case not(SCIMFilter)

    static func parse(_ text: String, schemas: [SCIMSchema]) throws -> SCIMFilter {
        var parser = SCIMFilterParser(text: text, schemas: schemas)
        let filter = try parser.parseOr()
        parser.skipSpaces()
        guard parser.atEnd else { throw SCIMError.invalidFilter("Unexpected text at \(parser.position) in filter '\(text)'.") }
        return filter
    }

    /// Whether `document` matches. `caseExact` tells, for an attribute and an optional sub-attribute,
    /// whether its strings compare with case.
    func matches(_ document: JSONObject, caseExact: (String, String?) -> Bool) -> Bool {
        switch self {
        case .and(let left, let right): return left.matches(document, caseExact: caseExact) && right.matches(document, caseExact: caseExact)
        case .or(let left, let right): return left.matches(document, caseExact: caseExact) || right.matches(document, caseExact: caseExact)
        case .not(let inner): return !inner.matches(document, caseExact: caseExact)
        case .present(let path):
            return Self.values(of: path, in: document).contains { !$0.isNull && $0 != .string("") && $0 != .array([]) }
        case .valuePath(let path, let inner):
            return Self.values(of: SCIMAttributePath(urn: path.urn, name: path.name), in: document, elements: true).contains { element in
                guard let object = element.objectValue else { return false }
                return inner.matches(object) { name, _ in caseExact(path.name, name) }
            }
        case .compare(let path, let op, let expected):
            let exact = caseExact(path.name, path.sub)
            return Self.values(of: path, in: document).contains { Self.compare($0, op, expected, caseExact: exact) }
        }
    }

    /// The values a path reaches in a document: a multi-valued attribute yields each element (its
    /// `value` sub-attribute when no other is named, as RFC 7644 has it).
    static func values(of path: SCIMAttributePath, in document: JSONObject, elements: Bool = false) -> [JSON] {
        var container = document
        if let urn = path.urn, let object = lookup(urn, in: document)?.objectValue { container = object }
        guard let value = lookup(path.name, in: container) else { return [] }
        let items = value.arrayValue ?? [value]
        if elements { return items }
        return items.compactMap { item in
            if let sub = path.sub { return item.objectValue.flatMap { lookup(sub, in: $0) } }
            if value.arrayValue != nil, let object = item.objectValue { return lookup("value", in: object) }
            return item
        }
    }

    static func lookup(_ key: String, in object: JSONObject) -> JSON? {
        object[key] ?? object.pairs.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }?.value
    }

    private static func compare(_ actual: JSON, _ op: Operator, _ expected: JSON, caseExact: Bool) -> Bool {
        if let text = actual.stringValue, let wanted = expected.stringValue {
            if [.gt, .lt, .ge, .le].contains(op), let a = Timestamp.parse(text), let b = Timestamp.parse(wanted) {
                return order(a, b, op)
            }
            let (a, b) = caseExact ? (text, wanted) : (text.lowercased(), wanted.lowercased())
            switch op {
            case .eq: return a == b
            case .ne: return a != b
            case .co: return a.contains(b)
            case .sw: return a.hasPrefix(b)
            case .ew: return a.hasSuffix(b)
            default: return order(a, b, op)
            }
        }
        if let a = number(actual), let b = number(expected) {
            switch op {
            case .eq: return a == b
            case .ne: return a != b
            case .gt, .lt, .ge, .le: return order(a, b, op)
            default: return false
            }
        }
        switch op {
        case .eq: return actual == expected
        case .ne: return actual != expected
        default: return false
        }
    }

    private static func number(_ value: JSON) -> Double? {
        switch value {
        case .int(let int): Double(int)
        case .double(let double): double
        default: nil
        }
    }

    private static func order<T: Comparable>(_ a: T, _ b: T, _ op: Operator) -> Bool {
        switch op {
        case .gt: a > b
        case .lt: a < b
        case .ge: a >= b
        default: a <= b
        }
    }
}

/// Recursive descent over RFC 7644's filter grammar: `or` binds loosest, then `and`, then `not` and
/// parentheses; `attr[…]` filters a multi-valued attribute's elements.
struct SCIMFilterParser {
    private let characters: [Character]
    private let schemas: [SCIMSchema]
    private(set) var position = 0

    init(text: String, schemas: [SCIMSchema]) {
        characters = Array(text)
        self.schemas = schemas
    }

    var atEnd: Bool { position >= characters.count }

    mutating func skipSpaces() { while !atEnd && characters[position].isWhitespace { position += 1 } }

    mutating func parseOr() throws -> SCIMFilter {
        var filter = try parseAnd()
        while keyword("or") { filter = .or(filter, try parseAnd()) }
        return filter
    }

    mutating func parseAnd() throws -> SCIMFilter {
        var filter = try parseUnary()
        while keyword("and") { filter = .and(filter, try parseUnary()) }
        return filter
    }

    mutating func parseUnary() throws -> SCIMFilter {
        if keyword("not") {
            try expect("(")
            let inner = try parseOr()
            try expect(")")
            return .not(inner)
        }
        skipSpaces()
        if !atEnd && characters[position] == "(" {
            position += 1
            let inner = try parseOr()
            try expect(")")
            return inner
        }
        let path = try parseAttributePath()
        if !atEnd && characters[position] == "[" {
            position += 1
            let inner = try parseOr()
            try expect("]")
            return .valuePath(path, inner)
        }
        skipSpaces()
        let word = readWhile { $0.isLetter }.lowercased()
        if word == "pr" { return .present(path) }
        guard let op = SCIMFilter.Operator(rawValue: word) else {
            throw SCIMError.invalidFilter("'\(word)' is not a filter operator (eq, ne, co, sw, ew, gt, lt, ge, le, pr).")
        }
        return .compare(path, op, try parseValue())
    }

    mutating func parseAttributePath() throws -> SCIMAttributePath {
        skipSpaces()
        let text = readWhile { $0.isLetter || $0.isNumber || "_-$:.".contains($0) }
        guard !text.isEmpty else { throw SCIMError.invalidFilter("Expected an attribute name at \(position).") }
        return SCIMAttributePath(text, schemas: schemas)
    }

    private mutating func parseValue() throws -> JSON {
        skipSpaces()
        guard !atEnd else { throw SCIMError.invalidFilter("The filter ends where a value was expected.") }
        if characters[position] == "\"" {
            let start = position
            position += 1
            while !atEnd && characters[position] != "\"" { position += characters[position] == "\\" ? 2 : 1 }
            guard !atEnd else { throw SCIMError.invalidFilter("A string in the filter is not closed.") }
            position += 1
            guard let value = try? JSON.parse(String(characters[start..<position])) else {
                throw SCIMError.invalidFilter("A string in the filter is not valid.")
            }
            return value
        }
        let word = readWhile { !$0.isWhitespace && $0 != ")" && $0 != "]" }
        switch word.lowercased() {
        case "true": return true
        case "false": return false
        case "null": return .null
        default:
            if let int = Int(word) { return .int(int) }
            if let double = Double(word) { return .double(double) }
            throw SCIMError.invalidFilter("'\(word)' is not a filter value (a quoted string, a number, true, false or null).")
        }
    }

    private mutating func keyword(_ word: String) -> Bool {
        skipSpaces()
        let end = position + word.count
        guard end <= characters.count, String(characters[position..<end]).lowercased() == word,
              end == characters.count || characters[end].isWhitespace || characters[end] == "(" else { return false }
        position = end
        return true
    }

    private mutating func expect(_ character: Character) throws {
        skipSpaces()
        guard !atEnd && characters[position] == character else {
            throw SCIMError.invalidFilter("Expected '\(character)' at \(position).")
        }
        position += 1
    }

    private mutating func readWhile(_ accept: (Character) -> Bool) -> String {
        let start = position
        while !atEnd && accept(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }
}
