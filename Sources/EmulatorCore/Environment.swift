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
    let observers: [EventObserver]
    /// The WAL store's readers (nil for the in-memory queue).
    private let readers: ThreadReaders?

    public init(id: String, name: String, apiKey: String, clientID: String, database: any DatabaseWriter,
                clock: EnvironmentClock = EnvironmentClock(), observers: [EventObserver] = []) {
        self.id = id
        self.name = name
        self.apiKey = apiKey
        self.clientID = clientID
        self.database = database
        readers = (database as? DatabasePool).map { ThreadReaders(path: $0.path, configuration: $0.configuration) }
        self.clock = clock
        self.observers = observers
    }

    /// The one write path: the body's rows and the events it emits commit together or not at all.
    /// It runs on the database's writer queue, not the calling thread: a write on an event loop would hold
    /// that loop while it waits for another write, where a queue lets both loops go on serving requests
    /// (durable creation at 16 connections: 4 600 per s on the calling thread, more through the queue).
    public func write<T: Sendable>(_ body: @escaping @Sendable (Transaction) throws -> T) async throws -> T {
        let (id, clock, ids, observers) = (self.id, self.clock, self.ids, self.observers)
        return try await database.write { db in
            try body(Transaction(db: db, environmentID: id, now: clock.now(), ids: ids, observers: observers))
        }
    }

    /// Runs on the calling thread: a read is shorter than the hop to a database queue and back
    /// (measured in a profile of the release build). A queue (the in-memory store) serializes every
    /// access, so its reads need no transaction; the WAL store reads in a snapshot transaction, on the
    /// thread's own connection, so a read of several statements never sees a write that commits between
    /// two of them.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try readNow(body)
    }

    private func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        if let queue = database as? DatabaseQueue { return try queue.unsafeRead(body) }
        if let readers { return try readers.read(body) }
        return try database.read(body)
    }

    /// Closes the environment's connections (it is being deleted).
    public func close() throws {
        try readers?.close()
        try database.close()
    }
}
