import EmulatorCore
import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body, as the hosted pages' forms post it.
struct FormBody: Sendable {
    private let fields: [String: String]

    static func read(_ request: Request) async throws -> FormBody {
        let buffer = try await request.bodyBytes(upTo: 64 * 1024)
        var components = URLComponents()
        components.percentEncodedQuery = String(buffer: buffer).replacingOccurrences(of: "+", with: "%20")
        var fields: [String: String] = [:]
        for item in components.queryItems ?? [] { fields[item.name] = item.value ?? "" }
        return FormBody(fields: fields)
    }

    /// The fields as a JSON body of strings, for routes that take either encoding.
    var jsonBody: JSONBody {
        JSONBody(JSONObject(fields.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSON.string($0.value)) }))
    }

    /// A field, trimmed; nil when absent or empty.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
