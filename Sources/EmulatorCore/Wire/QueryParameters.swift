import Foundation
import Hummingbird

/// Query-string accessors with WorkOS's conventions: array filters arrive comma-joined
/// (`domains=a.com,b.com`, what the SDKs send), repeated (`events=a&events=b`) or bracketed (`events[]=a`).
public struct QueryParameters: Sendable {
    private let pairs: [(String, String)]

    public init(_ request: Request) {
        self.init(query: request.uri.query ?? "")
    }

    /// Decodes a raw query string as HTML forms encode it, as the SDKs' HTTP clients (httpx) do: `+` is
    /// a space, and `%2B` a plus.
    public init(query: String) {
        func decode(_ part: Substring) -> String {
            let spaced = part.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        pairs = query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    public func string(_ key: String) -> String? {
        pairs.last(where: { $0.0 == key }).map(\.1).flatMap { $0.isEmpty ? nil : $0 }
    }

    public func list(_ key: String) -> [String] {
        pairs.filter { $0.0 == key || $0.0 == key + "[]" }
            .flatMap { $0.1.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    public func int(_ key: String) throws -> Int? {
        guard let text = string(key) else { return nil }
        guard let value = Int(text) else {
            throw APIError.invalidParameter(key, code: "invalid_type", "\(key) must be an integer.")
        }
        return value
    }

    /// For the control API, whose contract is that unknown parameters are errors, not ignored.
    public func rejectUnknown(allowed: Set<String>) throws {
        let unknown = Set(pairs.map(\.0)).subtracting(allowed).sorted()
        guard unknown.isEmpty else {
            throw APIError.invalidParameters(unknown.map {
                FieldError(field: $0, code: "unknown_parameter",
                           message: "\($0) is not a known parameter (known: \(allowed.sorted().joined(separator: ", "))).")
            })
        }
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let text = string(key) else { return nil }
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.invalidParameter(key, code: "invalid_type", "\(key) must be true or false.")
        }
    }
}
