import Foundation
import Hummingbird

/// `application/x-www-form-urlencoded` fields: what HTML forms post, what OAuth clients may send to a
/// token endpoint, and what browser-facing query strings hold. Unlike `QueryParameters`, a `+` is a
/// space here, because that is how the SDKs' `urlencode` and every browser write one, and a `state`
/// must come back exactly as it was sent.
public struct FormFields: Sendable {
    public let pairs: [(key: String, value: String)]

    public init(_ encoded: String) {
        pairs = encoded.split(separator: "&", omittingEmptySubsequences: true).map { field in
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The query string of a request.
    public init(query request: Request) {
        self.init(request.uri.query ?? "")
    }

    /// The last value of a field, or nil when it is absent or empty.
    public subscript(key: String) -> String? {
        pairs.last(where: { $0.key == key }).map(\.value).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The fields as a JSON object of strings (the last value of a repeated field wins).
    public var object: JSONObject {
        var object = JSONObject()
        for (key, value) in pairs { object[key] = .string(value) }
        return object
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// Encodes pairs for a query string, escaping everything outside RFC 3986's unreserved set, so
    /// no reader can mistake a `+`, `&` or `=` in a value.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}

extension JSONBody {
    /// Reads a body that may be JSON (what the SDKs send) or form-encoded (what OAuth clients and HTML
    /// forms send), into the same typed accessors.
    public static func readJSONOrForm(_ request: Request, limit: Int = 1 << 20) async throws -> JSONBody {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            return try await read(request, limit: limit)
        }
        return JSONBody(FormFields(String(buffer: try await request.bodyBytes(upTo: limit))).object)
    }
}
