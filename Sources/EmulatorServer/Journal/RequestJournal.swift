import Synchronization

/// The last `capacity` API requests of each environment, oldest dropped first. In memory: it describes
/// this run, not the emulated world.
final class RequestJournal: Sendable {
    let capacity: Int
    private let entries = Mutex<[String: [JournalEntry]]>([:])

    init(capacity: Int = 1000) { self.capacity = capacity }

    func record(_ entry: JournalEntry, in environmentID: String) {
        entries.withLock { journal in
            journal[environmentID, default: []].append(entry)
            if journal[environmentID]!.count > capacity {
                journal[environmentID]!.removeFirst(journal[environmentID]!.count - capacity)
            }
        }
    }

    /// Newest first.
    func entries(of environmentID: String) -> [JournalEntry] {
        entries.withLock { ($0[environmentID] ?? []).reversed() }
    }

    func clear(_ environmentID: String) { entries.withLock { $0[environmentID] = nil } }
}
