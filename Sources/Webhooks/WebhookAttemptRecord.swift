import EmulatorCore
import Foundation
import GRDB

/// A row of `webhook_attempts`: one POST of a delivery and how the receiver answered it.
struct WebhookAttemptRecord: EmulatorRecord {
    static let databaseTableName = "webhook_attempts"

    var id: String
    var deliveryId: String
    var attemptedAt: Date
    /// The `WorkOS-Signature` header sent.
    var signature: String
    /// The HTTP status, or nil when no response came (`error` says why).
    var status: Int?
    var error: String?
    var latencyMs: Int
    /// The start of the response body, for the delivery log.
    var responseExcerpt: String?
    /// The extra copy a `duplicate` fault sends.
    var duplicate: Bool
    /// When the failed delivery is tried again; nil after a success or the last attempt.
    var nextRetryAt: Date?

    var succeeded: Bool { status.map { (200..<300).contains($0) } ?? false }

    var wire: JSON {
        [
            "id": .string(id),
            "attempted_at": .timestamp(attemptedAt),
            "signature": .string(signature),
            "status": status.map(JSON.int) ?? .null,
            "error": .string(error),
            "latency_ms": .int(latencyMs),
            "response_excerpt": .string(responseExcerpt),
            "duplicate": .bool(duplicate),
            "next_retry_at": .timestamp(nextRetryAt),
        ]
    }

    /// The attempts of many deliveries in one query, grouped by delivery, oldest first.
    static func all(of deliveryIDs: [String], in db: Database) throws -> [String: [WebhookAttemptRecord]] {
        Dictionary(grouping: try filter(deliveryIDs.contains(Column("delivery_id"))).order(Column("id")).fetchAll(db),
                   by: \.deliveryId)
    }
}
