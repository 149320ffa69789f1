import Foundation
import GRDB

/// A write in progress: the database, the instant it happens at (one reading of the clock, shared by
/// every row and event it writes), and the event log.
public struct Transaction {
    public let db: Database
    /// The environment written to, so an observer can act on it once the transaction commits (the
    /// webhook outbox wakes its sender for this environment).
    public let environmentID: String
    public let now: Date
    let ids: ObjectIDGenerator
    let observers: [EventObserver]

    /// A new `<prefix>_<ULID>` stamped with this transaction's instant.
    public func newID(_ prefix: String) -> String { ids.make(prefix, at: now) }

    /// Appends an event to the log and hands it to every observer, all in this transaction.
    @discardableResult
    public func emit(_ type: String, _ data: JSON, organizationID: String? = nil, context: JSON? = nil) throws -> Event {
        let event = Event(id: newID("event"), event: type, data: data,
                          organizationId: organizationID ?? Self.organizationID(of: data),
                          context: context, createdAt: now)
        try event.insert(db)
        for observe in observers { try observe(self, event) }
        return event
    }

    /// The organization an event concerns, for the Events API's `organization_id` filter.
    private static func organizationID(of data: JSON) -> String? {
        data["object"] == "organization" ? data["id"]?.stringValue : data["organization_id"]?.stringValue
    }
}

/// Reacts to every event inside the transaction that emits it: an area that must follow another's
/// changes (memberships leaving with their organization, webhook deliveries queued with their event)
/// observes the events, so the follow-up commits or rolls back with the change.
public typealias EventObserver = @Sendable (Transaction, Event) throws -> Void

/// An event decided in the middle of a change but emitted later in the same transaction, so that a
/// parent's event (`organization.created`) precedes its children's (`organization_domain.created`).
public struct PendingEvent: Sendable {
    public let type: String
    public let data: JSON

    public init(_ type: String, _ data: JSON) {
        self.type = type
        self.data = data
    }
}

extension Transaction {
    public func emit(_ events: [PendingEvent]) throws {
        for event in events { try emit(event.type, event.data) }
    }
}
