import EmulatorCore
import Foundation
import GRDB
import Synchronization

/// Every environment of the process, found by API key, client ID or ID. Each owns a SQLite database
/// (a file under the data directory, or memory); creating and resetting one copies a migrated, empty
/// template with SQLite's backup API, so either takes about a millisecond whatever the schema.
public final class EnvironmentRegistry: Sendable {
    private struct Index {
        var byID: [String: Environment] = [:]
        var byAPIKey: [String: Environment] = [:]
        var byClientID: [String: Environment] = [:]

        mutating func add(_ environment: Environment) {
            byID[environment.id] = environment
            byAPIKey[environment.apiKey] = environment
            byClientID[environment.clientID] = environment
        }

        mutating func remove(_ environment: Environment) {
            byID[environment.id] = nil
            byAPIKey[environment.apiKey] = nil
            byClientID[environment.clientID] = nil
        }
    }

    private let storage: EmulatorConfiguration.Storage
    private let schema: Schema
    private let observers: [EventObserver]
    private let registry: DatabaseQueue
    private let template: DatabaseQueue
    private let index = Mutex(Index())
    public let defaultEnvironment: Environment

    public init(configuration: EmulatorConfiguration, schema: Schema, observers: [EventObserver]) throws {
        self.storage = configuration.storage
        self.schema = schema
        self.observers = observers
        template = try DatabaseQueue()
        try schema.migrator.migrate(template)

        switch configuration.storage {
        case .memory:
            registry = try DatabaseQueue()
        case .directory(let directory):
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("environments"), withIntermediateDirectories: true)
            // Like the environments' files: WAL, synced at checkpoints rather than at every commit. In the
            // default rollback journal, creating a data directory cost nine disk syncs before the first answer.
            var journaled = Configuration()
            journaled.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            registry = try DatabaseQueue(path: directory.appendingPathComponent("registry.sqlite").path, configuration: journaled)
        }
        try EnvironmentRecord.migrator.migrate(registry)

        // The default environment takes its keys from the configuration on every start.
        let defaultRecord = try registry.write { db in
            var record = try EnvironmentRecord.fetchOne(db, key: EnvironmentRecord.defaultID)
                ?? EnvironmentRecord(id: EnvironmentRecord.defaultID, name: "default", apiKey: "", clientId: "", createdAt: Date())
            record.apiKey = configuration.apiKey
            record.clientId = configuration.clientID
            // A created environment holding these keys loses them to the default one.
            try EnvironmentRecord.filter(Column("id") != record.id
                && (Column("api_key") == record.apiKey || Column("client_id") == record.clientId)).deleteAll(db)
            try record.save(db)
            return record
        }
        var index = Index()
        for record in try registry.read(EnvironmentRecord.fetchAll) {
            index.add(try Self.open(record, storage: storage, schema: schema, contents: template, observers: observers))
        }
        defaultEnvironment = index.byID[defaultRecord.id]!
        self.index.withLock { $0 = index }
    }

    public func environment(apiKey: String) -> Environment? { index.withLock { $0.byAPIKey[apiKey] } }
    public func environment(clientID: String) -> Environment? { index.withLock { $0.byClientID[clientID] } }
    public func environment(id: String) -> Environment? { index.withLock { $0.byID[id] } }

    public var all: [Environment] {
        index.withLock { Array($0.byID.values) }.sorted { $0.id < $1.id }
    }

    /// A new environment, empty or a copy of `seed`; keys are generated unless given.
    public func create(name: String?, apiKey: String?, clientID: String?, seed: (any DatabaseReader)? = nil) throws -> Environment {
        let now = Date()
        let id = ObjectID.make("environment", at: now)
        let record = EnvironmentRecord(
            id: id, name: name ?? id,
            apiKey: apiKey ?? "sk_test_" + ObjectID.token(40).lowercased(),
            clientId: clientID ?? ObjectID.make("client", at: now),
            createdAt: now)
        try registry.write { db in
            let taken = try EnvironmentRecord.filter(Column("api_key") == record.apiKey || Column("client_id") == record.clientId)
                .fetchCount(db) > 0
            guard !taken else {
                throw APIError(.conflict, code: "environment_keys_taken",
                               message: "Another environment already uses this api_key or client_id.")
            }
            try record.insert(db)
        }
        let environment = try Self.open(record, storage: storage, schema: schema, contents: seed ?? template,
                                        observers: observers)
        index.withLock { $0.add(environment) }
        return environment
    }

    public func delete(id: String) throws {
        guard id != EnvironmentRecord.defaultID else {
            throw APIError(.badRequest, code: "default_environment", message: "The default environment cannot be deleted; reset it instead.")
        }
        guard let environment = environment(id: id) else { throw APIError.notFound("Environment", id) }
        index.withLock { $0.remove(environment) }
        _ = try registry.write { db in try EnvironmentRecord.deleteOne(db, key: id) }
        try environment.close()
        if case .directory(let directory) = storage {
            let path = Self.databasePath(id: id, in: directory)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    /// Empties an environment: its keys stay, its data and its clock start over.
    public func reset(_ environment: Environment) throws {
        try replaceContents(of: environment, with: template)
    }

    /// Makes the environment's database a copy of `source`, clock setting included.
    func replaceContents(of environment: Environment, with source: some DatabaseReader) throws {
        try source.backup(to: environment.database)
        try environment.database.read(environment.clock.load)
    }

    private static func databasePath(id: String, in directory: URL) -> String {
        directory.appendingPathComponent("environments").appendingPathComponent("\(id).sqlite").path
    }

    /// Opens an environment's database; a new one starts as a copy of `contents` (the empty template,
    /// or the snapshot it is forked from: one backup, not two).
    private static func open(_ record: EnvironmentRecord, storage: EmulatorConfiguration.Storage, schema: Schema,
                             contents: any DatabaseReader, observers: [EventObserver]) throws -> Environment {
        let database: any DatabaseWriter
        switch storage {
        case .memory:
            database = try DatabaseQueue()
            try contents.backup(to: database)
        case .directory(let directory):
            let path = databasePath(id: record.id, in: directory)
            let existed = FileManager.default.fileExists(atPath: path)
            var configuration = Configuration()
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            let pool = try DatabasePool(path: path, configuration: configuration)
            if existed { try schema.migrator.migrate(pool) } else { try contents.backup(to: pool) }
            database = pool
        }
        let environment = Environment(id: record.id, name: record.name, apiKey: record.apiKey,
                                      clientID: record.clientId, database: database, observers: observers)
        try database.read(environment.clock.load)
        return environment
    }
}
