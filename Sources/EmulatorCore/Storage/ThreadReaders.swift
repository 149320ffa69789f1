import Foundation
import GRDB
import Synchronization

/// Read-only connections to a WAL store, one for each thread that reads (the server's event loops). A
/// read through GRDB's pool takes its reader through two dispatch locks, and in a profile of the release
/// build the two event loops spent a tenth of their time waiting on each other there; a connection of
/// the thread's own is never contended. Each read is still a snapshot transaction.
final class ThreadReaders: Sendable {
    private let path: String
    private let configuration: Configuration
    private let readers = Mutex<[pthread_t: DatabaseQueue]>([:])

    init(path: String, configuration: Configuration) {
        var configuration = configuration
        configuration.readonly = true
        self.path = path
        self.configuration = configuration
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try reader().read(body)
    }

    private func reader() throws -> DatabaseQueue {
        let thread = pthread_self()
        if let reader = readers.withLock({ $0[thread] }) { return reader }
        let reader = try DatabaseQueue(path: path, configuration: configuration)
        readers.withLock { $0[thread] = reader }
        return reader
    }

    func close() throws {
        for reader in readers.withLock({ readers in defer { readers = [:] }; return Array(readers.values) }) {
            try reader.close()
        }
    }
}
