import EmulatorCore
import Foundation
import GRDB
import Synchronization

/// Named copies of whole environments, taken and put back with SQLite's backup API. Names are
/// process-wide, so a snapshot of one environment can seed another (or many, one per test). They live
/// in memory, or as files under the data directory when the emulator keeps its data on disk.
final class SnapshotStore: Sendable {
    struct Snapshot: Sendable {
        let name: String
        let environmentID: String
        let createdAt: Date
        let database: DatabaseQueue
    }

    private let directory: URL?
    private let snapshots = Mutex<[String: Snapshot]>([:])

    init(storage: EmulatorConfiguration.Storage) throws {
        guard case .directory(let root) = storage else {
            directory = nil
            return
        }
        let directory = root.appendingPathComponent("snapshots")
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var found: [String: Snapshot] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".sqlite") {
            let name = String(file.dropLast(".sqlite".count))
            let url = directory.appendingPathComponent(file)
            let created = (try? FileManager.default.attributesOfItem(atPath: url.path)[.creationDate] as? Date) ?? Date()
            found[name] = Snapshot(name: name, environmentID: "", createdAt: created,
                                   database: try DatabaseQueue(path: url.path))
        }
        snapshots.withLock { $0 = found }
    }

    var all: [Snapshot] { snapshots.withLock { Array($0.values) }.sorted { $0.name < $1.name } }

    func snapshot(named name: String) throws -> Snapshot {
        guard let snapshot = snapshots.withLock({ $0[name] }) else { throw APIError.notFound("Snapshot", name) }
        return snapshot
    }

    /// Saves the environment under `name`, replacing an older snapshot of that name.
    func save(_ environment: Environment, as name: String) throws -> Snapshot {
        try Self.validate(name)
        let database: DatabaseQueue
        if let directory {
            let path = directory.appendingPathComponent("\(name).sqlite").path
            snapshots.withLock { _ = $0.removeValue(forKey: name) }
            try? FileManager.default.removeItem(atPath: path)
            database = try DatabaseQueue(path: path)
        } else {
            database = try DatabaseQueue()
        }
        try environment.database.backup(to: database)
        let snapshot = Snapshot(name: name, environmentID: environment.id, createdAt: Date(), database: database)
        snapshots.withLock { $0[name] = snapshot }
        return snapshot
    }

    func delete(_ name: String) throws {
        let snapshot = try snapshot(named: name)
        snapshots.withLock { _ = $0.removeValue(forKey: name) }
        try snapshot.database.close()
        if let directory { try? FileManager.default.removeItem(at: directory.appendingPathComponent("\(name).sqlite")) }
    }

    private static func validate(_ name: String) throws {
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard !name.isEmpty, name.count <= 64, allowed, !name.hasPrefix(".") else {
            throw APIError.invalidParameter("name", code: "invalid_value",
                                            "A snapshot name is 1–64 letters, digits, '-', '_' or '.', not starting with '.'.")
        }
    }
}

extension SnapshotStore.Snapshot {
    var wire: JSON {
        ["object": "snapshot", "name": .string(name),
         "environment_id": .string(environmentID.isEmpty ? nil : environmentID),
         "created_at": .timestamp(createdAt)]
    }
}
