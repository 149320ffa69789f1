import EmulatorCore
import Foundation

/// One API request as the journal keeps it. Bodies are kept as sent (up to `bodyLimit` bytes) and
/// parsed and redacted only when the journal is read, so recording costs a request almost nothing.
struct JournalEntry: Sendable {
    static let bodyLimit = 64 << 10

    let requestID: String
    let method: String
    let path: String
    let query: String?
    let status: Int
    let latencyMs: Double
    let requestBody: [UInt8]
    let responseBody: [UInt8]
    let fault: String?
    let at: Date

    var wire: JSON {
        [
            "object": "request", "id": .string(requestID), "method": .string(method), "path": .string(path),
            "query": .string(query), "status": .int(status), "latency_ms": .double((latencyMs * 1000).rounded() / 1000),
            "request_body": Self.readable(requestBody, keepingCode: false),
            "response_body": Self.readable(responseBody, keepingCode: status >= 400),
            "fault_id": .string(fault), "created_at": .timestamp(at),
        ]
    }

    /// A body as JSON with its secrets redacted; null when it was empty, not JSON, or cut short.
    private static func readable(_ bytes: [UInt8], keepingCode: Bool) -> JSON {
        guard !bytes.isEmpty, let parsed = try? JSON.parse(bytes) else { return .null }
        return redact(parsed, keepingCode: keepingCode)
    }

    /// Field names whose values never reach the journal.
    static let secretKeys: Set<String> = [
        "password", "password_hash", "new_password", "secret", "client_secret", "api_key", "token", "access_token",
        "refresh_token", "code", "code_verifier", "pending_authentication_token", "totp_secret", "value", "data_key",
    ]

    /// A copy of `value` with secret fields replaced by `"[redacted]"`. Error bodies keep their `code`,
    /// which names the error rather than holding a secret.
    static func redact(_ value: JSON, keepingCode: Bool = false) -> JSON {
        switch value {
        case .object(let object):
            var copy = JSONObject()
            for (key, item) in object.pairs {
                let secret = secretKeys.contains(key.lowercased()) && !(keepingCode && key == "code")
                copy[key] = secret && !item.isNull ? "[redacted]" : redact(item, keepingCode: keepingCode)
            }
            return .object(copy)
        case .array(let items):
            return .array(items.map { redact($0, keepingCode: keepingCode) })
        default:
            return value
        }
    }
}
