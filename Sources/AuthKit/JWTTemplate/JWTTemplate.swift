import EmulatorCore
import Foundation

/// A JWT template as WorkOS documents it: JSON text in which `{{ expression }}` blocks stand either
/// for a whole value (`"email": {{ user.email }}`, which may be an object or array) or for part of a
/// string (`"name": "{{ user.first_name }} {{ user.last_name }}"`). Parsed and checked when saved;
/// rendered for each access token.
struct JWTTemplate: Sendable {
    /// Claims a template may not name: the token's registered claims.
    static let reservedKeys = ["iss", "sub", "exp", "iat", "nbf", "jti"]

    private enum Piece: Sendable {
        case text(String)
        /// A block; `inString` when it sits inside a JSON string literal.
        case block(JWTTemplateExpression, inString: Bool)
    }

    private let pieces: [Piece]

    /// Parses and validates: unclosed or malformed blocks, unknown variables, an object inside a
    /// string, text that is not a JSON object with at least one key, and reserved keys are refused.
    init(parsing content: String) throws(JWTTemplateError) {
        pieces = try Self.pieces(of: content)
        for case .block(let expression, true) in pieces where expression.referencesObject {
            throw .invalid("String encapsulated expression cannot contain object reference.")
        }
        // The shape does not depend on the values: every block stands in as an empty value.
        let probe = try? JSON.parse(assemble { inString in inString ? "" : "0" })
        guard let probe else { throw .invalid("Template parse error: the template is not valid JSON.") }
        guard let object = probe.objectValue, !object.isEmpty else {
            throw .invalid("Template must render to an object with at least one explicitly defined top-level key.")
        }
        let reserved = Self.reservedKeys.filter { object[$0] != nil }
        guard reserved.isEmpty else {
            throw .invalid("Keys reserved (\(Self.reservedKeys.joined(separator: ", "))) cannot be used: \(reserved.joined(separator: ", ")).")
        }
    }

    /// The claims for one token. A top-level key whose value is null is left out; null inside a string
    /// is empty; string values are trimmed.
    func render(_ context: JSON) -> JSONObject {
        let text = assemble { expression, inString in
            let value = expression.evaluate(in: context)
            return inString ? Self.escaped(Self.text(of: value)) : value.text
        }
        // Blocks only ever contribute valid JSON, and the shape was checked when the template was saved.
        guard let rendered = try? JSON.parse(text).objectValue else { return [:] }
        var claims = JSONObject()
        for (key, value) in rendered.pairs where !value.isNull && !Self.reservedKeys.contains(key) {
            claims[key] = Self.trimmed(value)
        }
        return claims
    }

    private func assemble(_ value: (JWTTemplateExpression, Bool) -> String) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .block(let expression, let inString): value(expression, inString)
            }
        }.joined()
    }

    private func assemble(_ placeholder: (Bool) -> String) -> String {
        assemble { _, inString in placeholder(inString) }
    }

    /// Splits the text into literal runs and blocks, following JSON string literals (and their escapes)
    /// to know where each block sits.
    private static func pieces(of content: String) throws(JWTTemplateError) -> [Piece] {
        let scalars = Array(content.unicodeScalars)
        var pieces: [Piece] = []
        var literal = String.UnicodeScalarView()
        var inString = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                guard let end = closing(in: scalars, from: index + 2) else {
                    throw .invalid("Template parse error: missing '}}'.")
                }
                pieces.append(.text(String(literal)))
                literal = String.UnicodeScalarView()
                let source = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
                pieces.append(.block(try JWTTemplateExpression(parsing: source), inString: inString))
                index = end + 2
                continue
            }
            literal.append(scalar)
            if inString, scalar == "\\", index + 1 < scalars.count {
                literal.append(scalars[index + 1])
                index += 2
                continue
            }
            if scalar == "\"" { inString.toggle() }
            index += 1
        }
        pieces.append(.text(String(literal)))
        return pieces
    }

    private static func closing(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index + 1 < scalars.count {
            if scalars[index] == "}" && scalars[index + 1] == "}" { return index }
            index += 1
        }
        return nil
    }

    /// A value as it reads inside a string: null is empty.
    private static func text(of value: JSON) -> String {
        switch value {
        case .null: ""
        case .string(let string): string
        default: value.text
        }
    }

    /// JSON string escaping without the quotes, since the block sits inside a literal.
    private static func escaped(_ text: String) -> String {
        let quoted = JSON.string(text).text
        return String(quoted.dropFirst().dropLast())
    }

    private static func trimmed(_ value: JSON) -> JSON {
        switch value {
        case .string(let string): .string(string.trimmingCharacters(in: .whitespacesAndNewlines))
        case .array(let items): .array(items.map(trimmed))
        case .object(let object): .object(JSONObject(object.pairs.map { ($0.key, trimmed($0.value)) }))
        default: value
        }
    }
}
