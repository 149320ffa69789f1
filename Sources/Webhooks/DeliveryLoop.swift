import EmulatorCore
import Foundation
import ServiceLifecycle

/// The background side of `WebhookDelivery`: a service of the application, so it starts and stops
/// with the emulator.
extension WebhookDelivery: Service {
    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.deliverUntilCancelled() }
        await shutDownClient()
    }

    private func deliverUntilCancelled() async {
        // After a start (or a restart), every environment may hold pending deliveries.
        outbox.ringAll(self.environments().map(\.id))
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let environments = self.environments()
                forget(environmentsOtherThan: Set(environments.map(\.id)))
                for environment in environments where needsLook(environment) {
                    await look(at: environment, group: &group)
                }
                await outbox.waitForChange(atMost: nap(among: environments))
            }
        }
    }

    /// Whether the environment has new work, or a delivery now due, and room for another attempt.
    private func needsLook(_ environment: Environment) -> Bool {
        guard inFlightCount(environment.id) < Self.maxInFlight else { return false }
        if outbox.takeChange(environment.id) { return true }
        let nextDue = state.withLock { $0.nextDue[environment.id] }
        return nextDue.map { $0 <= environment.clock.now() } ?? false
    }

    /// Starts attempting what is due, then notes when the next waiting delivery falls due.
    private func look(at environment: Environment, group: inout DiscardingTaskGroup) async {
        do {
            let sender = try sender()
            for due in try await claim(in: environment, limit: Self.maxInFlight - inFlightCount(environment.id)) {
                group.addTask {
                    await self.attempt(due, in: environment, sender: sender)
                    // What waited behind it for the same object may go now.
                    self.wake(environment.id)
                }
            }
            let excluded = state.withLock { $0.inFlight[environment.id] ?? [] }
            let next = try await environment.read { db in try DueDelivery.earliest(excluding: excluded, in: db) }
            state.withLock { $0.nextDue[environment.id] = next }
        } catch {
            // A deleted environment's database is closed; anything else is worth a line in the log.
            logger.debug("Webhook delivery skipped environment \(environment.id): \(error)")
            state.withLock { $0.nextDue[environment.id] = nil }
        }
    }

    /// How long to sleep: until the earliest due delivery, at least 10 ms, and at most a second, so a
    /// clock moved through the control API is noticed soon.
    private func nap(among environments: [Environment]) -> Duration {
        let nextDue = state.withLock { $0.nextDue }
        let waits = environments.compactMap { environment in
            nextDue[environment.id].map { $0.timeIntervalSince(environment.clock.now()) }
        }
        let seconds = min(1, max(0.01, waits.min() ?? 1))
        return .milliseconds(Int(seconds * 1000))
    }

    private func forget(environmentsOtherThan live: Set<String>) {
        state.withLock { state in
            state.nextDue = state.nextDue.filter { live.contains($0.key) }
            state.inFlight = state.inFlight.filter { live.contains($0.key) }
        }
    }
}
