import EmulatorCore
import Foundation
import HTTPTypes
import Synchronization

/// The faults injected in each environment. Kept in memory: faults script one test run, they are not
/// part of the emulated world, so they are neither snapshotted nor persisted.
final class FaultBook: Sendable {
    private let faults = Mutex<[String: [Fault]]>([:])

    func add(_ fault: Fault, to environmentID: String) {
        faults.withLock { $0[environmentID, default: []].append(fault) }
    }

    func list(_ environmentID: String) -> [Fault] { faults.withLock { $0[environmentID] ?? [] } }

    func remove(_ faultID: String, from environmentID: String) -> Bool {
        faults.withLock { book in
            let before = book[environmentID]?.count ?? 0
            book[environmentID]?.removeAll { $0.id == faultID }
            return (book[environmentID]?.count ?? 0) < before
        }
    }

    func clear(_ environmentID: String) { faults.withLock { $0[environmentID] = nil } }

    /// The first fault that matches and fires (its probability drawn), counted and used up.
    func fire(method: HTTPRequest.Method, path: String, in environmentID: String) -> Fault? {
        faults.withLock { book in
            guard var list = book[environmentID],
                  let index = list.firstIndex(where: { $0.matches(method: method, path: path) && Double.random(in: 0..<1) < $0.probability })
            else { return nil }
            list[index].hits += 1
            list[index].remaining = list[index].remaining.map { $0 - 1 }
            let fired = list[index]
            if fired.remaining == 0 { list.remove(at: index) }
            book[environmentID] = list
            return fired
        }
    }
}
