import Foundation
import GRDB

/// An isolated WorkOS environment: an API key and client ID pair with a database of its own and a
/// clock of its own. Parallel test suites each take one and never see each other's data.
public final class Environment: Sendable {
    public let id: String
    public let name: String
    public let apiKey: String
    public let clientID: String
    public let database: any DatabaseWriter
    public let clock: EnvironmentClock
    let ids = ObjectIDGenerator()

    public init(id: String, name: String, apiKey: String, clientID: String, database: any DatabaseWriter,
                clock: EnvironmentClock = EnvironmentClock()) {
        self.id = id
        self.name = name
        self.apiKey = apiKey
        self.clientID = clientID
        self.database = database
        self.clock = clock
    }

    /// The one write path: the body's rows and the events it emits commit together or not at all.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
        let (clock, ids) = (self.clock, self.ids)
        return try await database.write { db in
            try body(Transaction(db: db, now: clock.now(), ids: ids))
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await database.read(body)
    }
}

/// A write in progress: the database, the instant it happens at (one reading of the clock, shared by
/// every row and event it writes), and the event log.
public struct Transaction {
    public let db: Database
    public let now: Date
    let ids: ObjectIDGenerator

    /// A new `<prefix>_<ULID>` stamped with this transaction's instant.
    public func newID(_ prefix: String) -> String { ids.make(prefix, at: now) }

    /// Appends an event to the log, in this transaction.
    @discardableResult
    public func emit(_ type: String, _ data: JSON, organizationID: String? = nil, context: JSON? = nil) throws -> Event {
        let event = Event(id: newID("event"), event: type, data: data,
                          organizationId: organizationID ?? Self.organizationID(of: data),
                          context: context, createdAt: now)
        try event.insert(db)
        return event
    }

    /// The organization an event concerns, for the Events API's `organization_id` filter.
    private static func organizationID(of data: JSON) -> String? {
        data["object"] == "organization" ? data["id"]?.stringValue : data["organization_id"]?.stringValue
    }
}

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
