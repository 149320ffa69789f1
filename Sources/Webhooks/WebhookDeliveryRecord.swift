import EmulatorCore
import Foundation
import GRDB

/// A row of `webhook_deliveries`, the outbox: one event owed to one endpoint, queued in the event's
/// own transaction, and where its delivery stands.
struct WebhookDeliveryRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "webhook_deliveries"

    enum State: String, Codable, Sendable, CaseIterable {
        /// Waiting for `next_attempt_at`, or being attempted.
        case pending
        /// Kept back by a `reorder` fault until the next flush sends it, newest first.
        case held
        case delivered
        /// Every attempt of the retry schedule failed.
        case failed
        /// Discarded by a `drop` fault; never sent.
        case dropped
    }

    var id: String
    var endpointId: String
    var eventId: String
    var event: String
    /// The object the event is about: deliveries for one object reach one endpoint in order.
    var objectKey: String
    var state: State
    var attemptCount: Int
    var nextAttemptAt: Date?
    var faults: DeliveryFaults?
    var createdAt: Date
    var updatedAt: Date

    /// A delivery of `event` to `endpoint`, shaped by the endpoint's faults.
    init(of event: Event, to endpointID: String, faults: DeliveryFaults?, in tx: Transaction) {
        id = tx.newID("webhook_delivery")
        endpointId = endpointID
        eventId = event.id
        self.event = event.event
        objectKey = Self.objectKey(of: event)
        state = faults?.drop == true ? .dropped : faults?.reorder == true ? .held : .pending
        attemptCount = 0
        nextAttemptAt = state == .dropped ? nil : tx.now.addingTimeInterval(TimeInterval(faults?.delaySeconds ?? 0))
        self.faults = faults.flatMap { $0.isEmpty ? nil : $0 }
        createdAt = tx.now
        updatedAt = tx.now
    }

    /// The same event queued again for the same endpoint, due now and without faults.
    init(redelivering original: WebhookDeliveryRecord, in tx: Transaction) {
        self = original
        id = tx.newID("webhook_delivery")
        state = .pending
        attemptCount = 0
        nextAttemptAt = tx.now
        faults = nil
        createdAt = tx.now
        updatedAt = tx.now
    }

    /// `data.id`, else the id of the first object inside `data` (`organization_domain.verification_failed`
    /// carries its domain that way), else the event itself, which then orders against nothing.
    static func objectKey(of event: Event) -> String {
        if let id = event.data["id"]?.stringValue { return id }
        for pair in event.data.objectValue?.pairs ?? [] {
            if let id = pair.value["id"]?.stringValue { return id }
        }
        return event.id
    }

    /// Whether nothing has attempted or rescheduled the delivery since `other` was read.
    func hasSameProgress(as other: WebhookDeliveryRecord) -> Bool {
        state == other.state && attemptCount == other.attemptCount && nextAttemptAt == other.nextAttemptAt
    }

    static func find(_ id: String, in db: Database) throws -> WebhookDeliveryRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Webhook delivery", id) }
        return record
    }

    func wire(attempts: [WebhookAttemptRecord]) -> JSON {
        [
            "object": "webhook_delivery",
            "id": .string(id),
            "webhook_endpoint_id": .string(endpointId),
            "event_id": .string(eventId),
            "event": .string(event),
            "state": .string(state.rawValue),
            "attempt_count": .int(attemptCount),
            "next_attempt_at": .timestamp(state == .pending ? nextAttemptAt : nil),
            "faults": faults?.wire ?? .null,
            "attempts": .array(attempts.map(\.wire)),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }
}
