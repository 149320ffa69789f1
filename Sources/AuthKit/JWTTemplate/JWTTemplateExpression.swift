import Foundation
import EmulatorCore

/// What one `{{ … }}` block of a JWT template says: operands tried in order (`||` is WorkOS's
/// fallback), each a variable path such as `user.metadata.language` or `organization.domains.0.domain`,
/// or a quoted string literal.
struct JWTTemplateExpression: Sendable, Equatable {
    enum Operand: Sendable, Equatable {
        case path([String])
        case literal(String)
    }

    /// The roots a template may read. Below them, a path the context lacks resolves to null, as an
    /// absent metadata key does in WorkOS.
    static let roots: Set<String> = ["user", "organization", "organization_membership"]

    let operands: [Operand]

    /// Parses the text between the braces; errors are WorkOS's documented validation messages.
    init(parsing source: String) throws(JWTTemplateError) {
        let text = Array(source.unicodeScalars)
        var index = 0
        func skipSpaces() { while index < text.count, text[index].properties.isWhitespace { index += 1 } }
        skipSpaces()
        guard index < text.count else { throw .invalid("Expression cannot be empty.") }
        var operands: [Operand] = []
        while true {
            skipSpaces()
            guard index < text.count else { throw Self.invalidSegment(source) }
            operands.append(try Self.operand(in: text, at: &index, source: source))
            skipSpaces()
            if index == text.count { break }
            guard index + 1 < text.count, text[index] == "|", text[index + 1] == "|" else { throw Self.invalidSegment(source) }
            index += 2
        }
        self.operands = operands
    }

    private static func operand(in text: [Unicode.Scalar], at index: inout Int, source: String) throws(JWTTemplateError) -> Operand {
        let first = text[index]
        if first == "'" || first == "\"" {
            guard let end = text[(index + 1)...].firstIndex(of: first) else { throw invalidSegment(source) }
            let literal = String(String.UnicodeScalarView(text[(index + 1)..<end]))
            index = end + 1
            return .literal(literal)
        }
        let start = index
        while index < text.count, isPathCharacter(text[index]) { index += 1 }
        guard index > start else { throw invalidSegment(source) }
        let path = String(String.UnicodeScalarView(text[start..<index]))
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !segments.contains(where: \.isEmpty) else { throw invalidSegment(source) }
        guard roots.contains(segments[0]) else { throw .invalid("Invalid path: \"\(path)\".") }
        return .path(segments)
    }

    private static func isPathCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "_" || scalar == "-" || (scalar.isASCII && scalar.properties.isAlphabetic)
            || ("0"..."9").contains(scalar)
    }

    private static func invalidSegment(_ source: String) -> JWTTemplateError {
        .invalid("Invalid expression segment: \"\(source.trimmingCharacters(in: .whitespaces))\".")
    }

    /// The first operand that is not null (a literal never is).
    func evaluate(in context: JSON) -> JSON {
        for operand in operands {
            switch operand {
            case .literal(let text): return .string(text)
            case .path(let segments):
                let value = Self.resolve(segments, in: context)
                if !value.isNull { return value }
            }
        }
        return .null
    }

    private static func resolve(_ segments: [String], in context: JSON) -> JSON {
        var value = context
        for segment in segments {
            switch value {
            case .object(let object): value = object[segment] ?? .null
            case .array(let items):
                guard let position = Int(segment), items.indices.contains(position) else { return .null }
                value = items[position]
            default: return .null
            }
        }
        return value
    }

    /// Whether an operand names a whole object or array, which WorkOS refuses inside a string literal.
    /// Known from the shape of the context alone, so it is checked when the template is saved.
    var referencesObject: Bool {
        operands.contains { operand in
            guard case .path(let segments) = operand else { return false }
            return Self.objectPaths.contains { pattern in
                pattern.count == segments.count
                    && zip(pattern, segments).allSatisfy { $0 == $1 || ($0 == "#" && Int($1) != nil) }
            }
        }
    }

    /// The context's objects and arrays (`#`: any index).
    private static let objectPaths: [[String]] = [
        ["user"], ["user", "metadata"],
        ["organization"], ["organization", "metadata"], ["organization", "domains"], ["organization", "domains", "#"],
        ["organization_membership"], ["organization_membership", "role"], ["organization_membership", "roles"],
        ["organization_membership", "roles", "#"], ["organization_membership", "custom_attributes"],
    ]
}
