import AsyncHTTPClient
import EmulatorCore
import Foundation
import Logging
import Synchronization

/// Delivers the webhook outbox of every environment, in the background, never inside an API request.
///
/// `WebhookOutbox` queues deliveries in the event's transaction and, once it commits, wakes the loop
/// for that environment. The loop claims what is due (on the environment's clock), attempts each
/// delivery in a task of its own, and sleeps until the earliest retry falls due (at most a second, so
/// a moved clock is noticed), or until woken. `flush` does the same work inside a control request
/// and returns when nothing is due. Both claim through one in-flight set, so no delivery is attempted
/// twice at once; the database stays the only record, so a restart resumes whatever was pending.
public final class WebhookDelivery: Sendable {
    /// Attempts in flight per environment; more wait for one to finish.
    static let maxInFlight = 32

    enum Client {
        case idle
        case running(HTTPClient)
        case stopped
    }

    struct State {
        /// When each environment's earliest waiting delivery falls due, on its own clock.
        var nextDue: [String: Date] = [:]
        var inFlight: [String: Set<String>] = [:]
        var client = Client.idle
    }

    let outbox: WebhookOutbox
    let environments: @Sendable () -> [Environment]
    let logger: Logger
    let state = Mutex(State())

    /// `environments` lists the environments to serve, those created later included.
    public init(outbox: WebhookOutbox, environments: @escaping @Sendable () -> [Environment], logger: Logger) {
        self.outbox = outbox
        self.environments = environments
        self.logger = logger
    }

    /// Tells the loop that an environment's outbox changed outside an event (an endpoint re-enabled, a
    /// delivery to redeliver).
    public func wake(_ environmentID: String) {
        outbox.ring(environmentID)
    }

    /// Attempts every delivery of the environment that is due, and those that fall due because others
    /// finished, until none is due and none is in flight. Deliveries a `reorder` fault kept back go
    /// first, newest first.
    public func flush(_ environment: Environment) async throws {
        let sender = try self.sender()
        for due in try await claim(in: environment, held: true) {
            await attempt(due, in: environment, sender: sender)
        }
        while true {
            let claimed = try await claim(in: environment, limit: 100)
            if claimed.isEmpty {
                guard inFlightCount(environment.id) > 0 else { break }
                // The background loop is attempting one; what it leaves may fall due at once.
                try await Task.sleep(for: .milliseconds(5))
                continue
            }
            await withDiscardingTaskGroup { group in
                for due in claimed {
                    group.addTask { await self.attempt(due, in: environment, sender: sender) }
                }
            }
        }
        wake(environment.id)
    }

    // MARK: claiming

    /// Due (or held) deliveries, now registered as in flight; the caller attempts each, which releases it.
    func claim(in environment: Environment, held: Bool = false, limit: Int = WebhookDelivery.maxInFlight) async throws -> [DueDelivery] {
        let excluded = state.withLock { $0.inFlight[environment.id] ?? [] }
        let now = environment.clock.now()
        let candidates = try await environment.read { db in
            held ? try DueDelivery.held(excluding: excluded, in: db)
                : try DueDelivery.due(at: now, excluding: excluded, limit: limit, in: db)
        }
        let registered = state.withLock { state in
            candidates.filter { state.inFlight[environment.id, default: []].insert($0.id).inserted }
        }
        guard !registered.isEmpty else { return [] }
        // Another claimer may have attempted one of them between the read and the registration:
        // keep only those the database still shows unchanged.
        let current = try await environment.read { db in
            Dictionary(uniqueKeysWithValues: try WebhookDeliveryRecord.fetchAll(db, keys: registered.map(\.id)).map { ($0.id, $0) })
        }
        let unchanged = { (due: DueDelivery) in current[due.id]?.hasSameProgress(as: due.delivery) == true }
        release(registered.filter { !unchanged($0) }.map(\.id), in: environment.id)
        return registered.filter(unchanged)
    }

    func release(_ ids: [String], in environmentID: String) {
        guard !ids.isEmpty else { return }
        state.withLock { state in
            for id in ids { state.inFlight[environmentID]?.remove(id) }
        }
    }

    func inFlightCount(_ environmentID: String) -> Int {
        state.withLock { $0.inFlight[environmentID]?.count ?? 0 }
    }

    // MARK: the HTTP client

    /// The client is made on first use and shut down when the delivery service stops.
    func sender() throws -> DeliverySender {
        try state.withLock { state in
            switch state.client {
            case .running(let client):
                return DeliverySender(client: client)
            case .idle:
                let client = HTTPClient(configuration: DeliverySender.configuration)
                state.client = .running(client)
                return DeliverySender(client: client)
            case .stopped:
                throw APIError(.serviceUnavailable, code: "webhook_delivery_stopped",
                               message: "Webhook delivery has stopped: the emulator is shutting down.")
            }
        }
    }

    func shutDownClient() async {
        let client = state.withLock { state -> HTTPClient? in
            defer { state.client = .stopped }
            if case .running(let client) = state.client { return client }
            return nil
        }
        try? await client?.shutdown()
    }
}
