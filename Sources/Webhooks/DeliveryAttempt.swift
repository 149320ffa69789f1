import EmulatorCore
import Foundation

extension WebhookDelivery {
    /// Sends a claimed delivery (twice under a `duplicate` fault), records the attempt and what follows
    /// from it — delivered, retried later per `RetrySchedule`, or failed — and releases the claim.
    func attempt(_ due: DueDelivery, in environment: Environment, sender: DeliverySender) async {
        defer { release([due.id], in: environment.id) }
        let faults = due.delivery.attemptCount == 0 ? due.delivery.faults : nil
        let attemptedAt = environment.clock.now()
        var sends: [(signature: String, outcome: DeliverySender.Outcome, duplicate: Bool)] = []
        for duplicate in faults?.duplicate == true ? [false, true] : [false] {
            // `t` is the real time of sending, not the environment's clock: the receiver checks it
            // against its own clock, which the emulator cannot move.
            let timestamp = Date().unixMilliseconds - Int64(faults?.staleTimestampSeconds ?? 0) * 1000
            let secret = faults?.badSignature == true ? WebhookSecret.generate() : due.secret
            let signature = WebhookSignature.header(body: due.payload, secret: secret, timestamp: timestamp)
            sends.append((signature, await sender.send(to: due.url, body: due.payload, signature: signature), duplicate))
        }
        let attempts = sends
        // Stopping mid-attempt records nothing: the delivery stays pending and resumes on the next start.
        guard !Task.isCancelled else { return }
        do {
            try await environment.write { tx in
                // Gone when its endpoint was deleted meanwhile.
                guard var delivery = try WebhookDeliveryRecord.fetchOne(tx.db, key: due.id) else { return }
                delivery.attemptCount += 1
                delivery.updatedAt = tx.now
                if attempts[0].outcome.status.map({ (200..<300).contains($0) }) == true {
                    delivery.state = .delivered
                    delivery.nextAttemptAt = nil
                } else if let delay = RetrySchedule.delay(afterFailedAttempts: delivery.attemptCount) {
                    delivery.state = .pending
                    delivery.nextAttemptAt = attemptedAt.addingTimeInterval(delay)
                } else {
                    delivery.state = .failed
                    delivery.nextAttemptAt = nil
                }
                try delivery.update(tx.db)
                for send in attempts {
                    try WebhookAttemptRecord(
                        id: tx.newID("webhook_attempt"), deliveryId: delivery.id, attemptedAt: attemptedAt,
                        signature: send.signature, status: send.outcome.status, error: send.outcome.error,
                        latencyMs: send.outcome.latencyMs, responseExcerpt: send.outcome.excerpt,
                        duplicate: send.duplicate, nextRetryAt: delivery.state == .pending ? delivery.nextAttemptAt : nil
                    ).insert(tx.db)
                }
            }
        } catch {
            logger.error("Recording webhook delivery \(due.id) of environment \(environment.id) failed: \(error)")
        }
    }
}
