import Synchronization

/// The last `capacity` API requests of each environment, oldest dropped first. In memory: it describes
/// this run, not the emulated world.
final class RequestJournal: Sendable {
    let capacity: Int
    private let entries = Mutex<[String: [JournalEntry]]>([:])

    init(capacity: Int = 1000) { self.capacity = capacity }

    /// Drops the oldest entries only once twice the capacity has piled up: dropping one per request
    /// moved the whole array on every request of a busy environment.
    func record(_ entry: JournalEntry, in environmentID: String) {
        entries.withLock { journal in
            journal[environmentID, default: []].append(entry)
            if let count = journal[environmentID]?.count, count > 2 * capacity {
                journal[environmentID]?.removeFirst(count - capacity)
            }
        }
    }

    /// The newest `capacity`, newest first.
    func entries(of environmentID: String) -> [JournalEntry] {
        entries.withLock { ($0[environmentID] ?? []).suffix(capacity).reversed() }
    }

    func clear(_ environmentID: String) { entries.withLock { $0[environmentID] = nil } }
}
