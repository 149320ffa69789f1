import EmulatorCore
import GRDB

/// A row of `webhook_endpoint_faults`: the misbehaviours a test asked for on one endpoint, the cases a
/// webhook handler must survive. Each queued delivery takes them on (see `DeliveryFaults`) until
/// `remaining` runs out, or until they are cleared.
struct WebhookFaultsRecord: EmulatorRecord {
    static let databaseTableName = "webhook_endpoint_faults"

    var endpointId: String
    var duplicate: Bool
    var reorder: Bool
    var drop: Bool
    var badSignature: Bool
    var delaySeconds: Int
    var staleTimestampSeconds: Int
    /// How many more deliveries take the faults; nil means every one until cleared.
    var remaining: Int?

    static let fields: Set<String> = [
        "duplicate", "reorder", "drop", "bad_signature", "delay_seconds", "stale_timestamp_seconds", "count",
    ]

    /// No fault at all: what an endpoint without a row has.
    static func off(_ endpointID: String) -> WebhookFaultsRecord {
        WebhookFaultsRecord(endpointId: endpointID, duplicate: false, reorder: false, drop: false, badSignature: false,
                            delaySeconds: 0, staleTimestampSeconds: 0, remaining: nil)
    }

    var wire: JSON {
        [
            "object": "webhook_faults",
            "webhook_endpoint_id": .string(endpointId),
            "duplicate": .bool(duplicate),
            "reorder": .bool(reorder),
            "drop": .bool(drop),
            "bad_signature": .bool(badSignature),
            "delay_seconds": .int(delaySeconds),
            "stale_timestamp_seconds": .int(staleTimestampSeconds),
            "count": remaining.map(JSON.int) ?? .null,
        ]
    }

    /// The faults of the delivery being queued now, counting it against `remaining`.
    mutating func takeForDelivery(in db: Database) throws -> DeliveryFaults {
        if let remaining {
            self.remaining = remaining - 1
            if remaining <= 1 { try delete(db) } else { try update(db) }
        }
        return DeliveryFaults(duplicate: duplicate, reorder: reorder, drop: drop, badSignature: badSignature,
                              delaySeconds: delaySeconds, staleTimestampSeconds: staleTimestampSeconds)
    }
}

extension WebhookFaultsRecord {
    /// Reads a control API body; every field is optional and off by default.
    init(endpointID: String, body: JSONBody) throws {
        try body.rejectUnknownFields(allowed: Self.fields)
        func seconds(_ key: String) throws -> Int {
            let value = try body.int(key) ?? 0
            guard (0...30 * 24 * 60 * 60).contains(value) else {
                throw APIError.invalidParameter(key, code: "invalid_value", "\(key) must be between 0 and 2592000 (30 days).")
            }
            return value
        }
        endpointId = endpointID
        duplicate = try body.bool("duplicate") ?? false
        reorder = try body.bool("reorder") ?? false
        drop = try body.bool("drop") ?? false
        badSignature = try body.bool("bad_signature") ?? false
        delaySeconds = try seconds("delay_seconds")
        staleTimestampSeconds = try seconds("stale_timestamp_seconds")
        remaining = try body.int("count")
        if let remaining, remaining < 1 {
            throw APIError.invalidParameter("count", code: "invalid_value", "count must be at least 1, or absent for every delivery.")
        }
    }
}
