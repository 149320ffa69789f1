import EmulatorCore
import Foundation
import HTTPTypes

/// A failure injected on purpose for `METHOD path`: a status and body instead of the real answer,
/// and/or latency before it, for the next `count` matching requests (all of them when nil), each with
/// the given probability.
struct Fault: Sendable {
    let id: String
    let method: String            // "GET", …, or "*"
    let path: String              // `/organizations/*` — `*`, `:name` and `{name}` match one segment
    let status: Int?
    let body: JSON?
    let latencyMs: Int
    var remaining: Int?
    let probability: Double
    let createdAt: Date
    var hits = 0

    func matches(method: HTTPRequest.Method, path requestPath: String) -> Bool {
        guard self.method == "*" || self.method == method.rawValue else { return false }
        let pattern = path.split(separator: "/", omittingEmptySubsequences: true)
        let actual = requestPath.split(separator: "/", omittingEmptySubsequences: true)
        guard pattern.count == actual.count else { return false }
        return zip(pattern, actual).allSatisfy { want, got in
            want == "*" || want.hasPrefix(":") || (want.hasPrefix("{") && want.hasSuffix("}")) || want == got
        }
    }

    /// What an injected error says when the fault gives no body.
    var message: String { "Fault \(id) injected by the emulator for \(method) \(path)." }

    var wire: JSON {
        [
            "object": "fault", "id": .string(id), "method": .string(method), "path": .string(path),
            "status": status.map { .int($0) } ?? .null, "body": body ?? .null, "latency_ms": .int(latencyMs),
            "count": remaining.map { .int($0) } ?? .null, "probability": .double(probability),
            "hits": .int(hits), "created_at": .timestamp(createdAt),
        ]
    }
}
