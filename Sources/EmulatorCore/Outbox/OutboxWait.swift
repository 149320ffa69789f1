import Foundation
import GRDB

extension Environment {
    /// Waits until a message matching the filter is in the outbox unclaimed, claims it and returns it;
    /// nil when none arrives within `timeout`. GRDB's `ValueObservation` re-reads the outbox after each
    /// commit that touches it, so a waiter costs nothing between messages and wakes as soon as a sending
    /// transaction commits — no polling loop.
    public func nextOutboxMessage(_ filter: OutboxMessage.Filter, timeout: Duration) async throws -> OutboxMessage? {
        try await withThrowingTaskGroup(of: OutboxMessage?.self) { group in
            group.addTask { try await self.claimFirstUnclaimed(filter) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    private func claimFirstUnclaimed(_ filter: OutboxMessage.Filter) async throws -> OutboxMessage? {
        let candidates = ValueObservation.tracking { db in try OutboxMessage.firstUnclaimed(filter, in: db)?.id }
        for try await candidate in candidates.values(in: database) {
            guard let candidate else { continue }
            let clock = self.clock
            // Another waiter may take it first; the loop then sees the next candidate.
            if let claimed = try await database.write({ db in try OutboxMessage.claim(candidate, at: clock.now(), in: db) }) {
                return claimed
            }
        }
        return nil
    }
}
