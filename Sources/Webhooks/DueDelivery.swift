import EmulatorCore
import Foundation
import GRDB

/// A delivery ready to be attempted, with what sending it takes: where, the secret, the exact bytes.
struct DueDelivery: Sendable {
    var delivery: WebhookDeliveryRecord
    var url: String
    var secret: String
    /// `{id, event, data, created_at}`, the body WorkOS posts; signed and sent byte for byte.
    var payload: [UInt8]

    var id: String { delivery.id }

    /// Deliveries of enabled endpoints that can go now: due by `now`, not being attempted already, and
    /// not behind an earlier unfinished delivery for the same object to the same endpoint (which keeps
    /// per-object order), oldest due first.
    static func due(at now: Date, excluding inFlight: Set<String>, limit: Int, in db: Database) throws -> [DueDelivery] {
        let (sql, arguments) = Self.unblockedPending(excluding: inFlight)
        return try fetch(sql: "SELECT d.*, e.endpoint_url, e.secret " + sql + " AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ?",
                         arguments: arguments + [now.unixMilliseconds, limit], in: db)
    }

    /// When the earliest of those deliveries falls due, whether or not it is due yet; nil when none waits.
    static func earliest(excluding inFlight: Set<String>, in db: Database) throws -> Date? {
        let (sql, arguments) = Self.unblockedPending(excluding: inFlight)
        return try Int64.fetchOne(db, sql: "SELECT MIN(d.next_attempt_at) " + sql, arguments: arguments)
            .map(Date.init(unixMilliseconds:))
    }

    /// Deliveries a `reorder` fault kept back, newest first: the order a flush sends them in.
    static func held(excluding inFlight: Set<String>, in db: Database) throws -> [DueDelivery] {
        try fetch(sql: """
            SELECT d.*, e.endpoint_url, e.secret FROM webhook_deliveries d
            JOIN webhook_endpoints e ON e.id = d.endpoint_id
            WHERE d.state = 'held' AND e.status = 'enabled' AND d.id NOT IN (\(databaseQuestionMarks(count: inFlight.count)))
            ORDER BY d.id DESC
            """, arguments: StatementArguments(Array(inFlight)), in: db)
    }

    private static func unblockedPending(excluding inFlight: Set<String>) -> (String, StatementArguments) {
        ("""
        FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.state = 'pending' AND e.status = 'enabled'
          AND d.id NOT IN (\(databaseQuestionMarks(count: inFlight.count)))
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id
                          AND p.object_key = d.object_key AND p.state = 'pending' AND p.id < d.id)
        """, StatementArguments(Array(inFlight)))
    }

    private static func fetch(sql: String, arguments: StatementArguments, in db: Database) throws -> [DueDelivery] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        let deliveries = try rows.map(WebhookDeliveryRecord.init(row:))
        let events = Dictionary(uniqueKeysWithValues: try Event.fetchAll(db, keys: deliveries.map(\.eventId)).map { ($0.id, $0) })
        return zip(rows, deliveries).compactMap { row, delivery in
            events[delivery.eventId].map { event in
                DueDelivery(delivery: delivery, url: row["endpoint_url"], secret: row["secret"], payload: payload(of: event))
            }
        }
    }

    static func payload(of event: Event) -> [UInt8] {
        JSON.object([
            "id": .string(event.id),
            "event": .string(event.event),
            "data": event.data,
            "created_at": .timestamp(event.createdAt),
        ]).bytes
    }
}
