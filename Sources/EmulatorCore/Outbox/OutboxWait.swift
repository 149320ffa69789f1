import Foundation
import GRDB

extension Environment {
    /// Claims and returns the oldest unclaimed message matching the filter, waiting up to `timeout` for
    /// one to be sent; nil when none comes. GRDB's `ValueObservation` re-reads the outbox after each
    /// commit that touches it, so a waiter costs nothing between messages and wakes as soon as a sending
    /// transaction commits — no polling loop.
    public func nextOutboxMessage(_ filter: OutboxMessage.Filter, timeout: Duration) async throws -> OutboxMessage? {
        if let ready = try await claimFirstUnclaimed(filter) { return ready }
        guard timeout > .zero else { return nil }
        return try await withThrowingTaskGroup(of: OutboxMessage?.self) { group in
            group.addTask { try await self.awaitAndClaim(filter) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            // A claim that committed just as the timeout fired is handed out, never lost.
            if first == nil, case let late?? = try? await group.next() { return late }
            return first
        }
    }

    private func awaitAndClaim(_ filter: OutboxMessage.Filter) async throws -> OutboxMessage? {
        let candidates = ValueObservation.tracking { db in try OutboxMessage.firstUnclaimed(filter, in: db)?.id }
        for try await candidate in candidates.values(in: database) where candidate != nil {
            // Another waiter may take it first; the observation then reports the next candidate.
            if let claimed = try await claimFirstUnclaimed(filter) { return claimed }
        }
        return nil
    }

    private func claimFirstUnclaimed(_ filter: OutboxMessage.Filter) async throws -> OutboxMessage? {
        let clock = self.clock
        return try await database.write { db in
            try OutboxMessage.claimFirstUnclaimed(filter, at: clock.now(), in: db)
        }
    }
}
