import EmulatorCore
import GRDB
import Synchronization

/// The outbox: queues the deliveries each event owes inside the transaction that emits it, so an event
/// and its deliveries commit together or not at all, and once that transaction commits, tells the
/// delivery loop which environment has new work.
public final class WebhookOutbox: Sendable {
    private let dirty = Mutex(Set<String>())
    private let doorbell = Doorbell()

    public init() {}

    /// The event observer every environment runs.
    public var observer: EventObserver {
        { [weak self] tx, event in
            guard try Self.queue(event, in: tx), let outbox = self else { return }
            let environmentID = tx.environmentID
            tx.db.afterNextTransaction(onCommit: { _ in outbox.ring(environmentID) })
        }
    }

    /// A delivery of the event to each enabled endpoint subscribed to it, shaped by the endpoint's
    /// faults. Returns whether anything was queued.
    static func queue(_ event: Event, in tx: Transaction) throws -> Bool {
        let endpoints = try WebhookEndpointRecord.fetchAll(tx.db, where: "status", is: WebhookEndpointRecord.Status.enabled.rawValue)
            .filter { $0.subscribes(to: event.event) }
        for endpoint in endpoints {
            var faults = try WebhookFaultsRecord.fetchOne(tx.db, key: endpoint.id)
            let applied = try faults?.takeForDelivery(in: tx.db)
            try WebhookDeliveryRecord(of: event, to: endpoint.id, faults: applied, in: tx).insert(tx.db)
        }
        return !endpoints.isEmpty
    }

    /// Marks the environment's outbox as changed and wakes the loop.
    func ring(_ environmentID: String) {
        _ = dirty.withLock { $0.insert(environmentID) }
        doorbell.ring()
    }

    /// Marks every one of these environments, as after a start.
    func ringAll(_ environmentIDs: [String]) {
        dirty.withLock { $0.formUnion(environmentIDs) }
        doorbell.ring()
    }

    /// Whether the environment changed since the last call, clearing the mark.
    func takeChange(_ environmentID: String) -> Bool {
        dirty.withLock { $0.remove(environmentID) != nil }
    }

    func waitForChange(atMost timeout: Duration) async {
        await doorbell.wait(atMost: timeout)
    }
}
