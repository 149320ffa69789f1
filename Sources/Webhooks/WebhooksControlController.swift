import EmulatorCore
import GRDB
import Hummingbird

/// The webhook part of the control API: the delivery log, redelivery, flushing, and faults on purpose.
public struct WebhooksControlController: Sendable {
    let delivery: WebhookDelivery

    public init(delivery: WebhookDelivery) {
        self.delivery = delivery
    }

    public func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.get("webhook_deliveries", use: list)
        control.get("webhook_deliveries/:id", use: get)
        control.post("webhook_deliveries/:id/redeliver", use: redeliver)
        control.post("webhooks/flush", use: flush)
        control.get("webhook_endpoints/:id/faults", use: faults)
        control.put("webhook_endpoints/:id/faults", use: setFaults)
        control.delete("webhook_endpoints/:id/faults", use: clearFaults)
    }

    /// Every delivery with every attempt; filters `webhook_endpoint_id`, `event_id`, `state`.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let endpointID = query.string("webhook_endpoint_id")
        let eventID = query.string("event_id")
        let state = try query.string("state").map { text in
            guard let state = WebhookDeliveryRecord.State(rawValue: text) else {
                throw APIError.invalidParameter("state", code: "invalid_value", "state must be one of "
                    + WebhookDeliveryRecord.State.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            return state
        }
        let page = try await context.env().read { db in
            var deliveries = WebhookDeliveryRecord.all()
            if let endpointID { deliveries = deliveries.filter(Column("endpoint_id") == endpointID) }
            if let eventID { deliveries = deliveries.filter(Column("event_id") == eventID) }
            if let state { deliveries = deliveries.filter(Column("state") == state.rawValue) }
            let page = try deliveries.page(list, in: db)
            let attempts = try WebhookAttemptRecord.all(of: page.data.map(\.id), in: db)
            return page.map { $0.wire(attempts: attempts[$0.id] ?? []) }
        }
        return .json(page.wire { $0 })
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try Self.wire(of: id, in: db) })
    }

    /// A pending delivery is attempted now; a finished one is queued again as a new delivery, due now
    /// and without faults. Either way it goes out with the next flush (or at once in the background).
    @Sendable func redeliver(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await JSONBody.read(request).rejectUnknownFields(allowed: [])
        let environment = try context.env()
        let (wire, isNew) = try await environment.write { tx in
            var record = try WebhookDeliveryRecord.find(id, in: tx.db)
            switch record.state {
            case .pending, .held:
                record.state = .pending
                record.nextAttemptAt = tx.now
                record.updatedAt = tx.now
                try record.update(tx.db)
                return (try Self.wire(of: record.id, in: tx.db), false)
            case .delivered, .failed, .dropped:
                let again = WebhookDeliveryRecord(redelivering: record, in: tx)
                try again.insert(tx.db)
                return (again.wire(attempts: []), true)
            }
        }
        delivery.wake(environment.id)
        return .json(wire, status: isNew ? .created : .ok)
    }

    /// Returns when no delivery of the environment is due (on its clock) and none is in flight.
    @Sendable func flush(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await JSONBody.read(request).rejectUnknownFields(allowed: [])
        let environment = try context.env()
        try await delivery.flush(environment)
        let counts = try await environment.read { db in
            try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS count FROM webhook_deliveries GROUP BY state")
                .map { row -> (String, Int) in (row["state"], row["count"]) }
        }
        var byState = JSONObject(WebhookDeliveryRecord.State.allCases.map { (key: $0.rawValue, value: JSON.int(0)) })
        for (state, count) in counts { byState[state] = .int(count) }
        return .json(["object": "webhook_flush", "deliveries": .object(byState)])
    }

    @Sendable func faults(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in
            _ = try WebhookEndpointRecord.find(id, in: db)
            return try (WebhookFaultsRecord.fetchOne(db, key: id) ?? .off(id)).wire
        })
    }

    /// Replaces the endpoint's faults; the deliveries queued from now on take them.
    @Sendable func setFaults(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let record = try WebhookFaultsRecord(endpointID: id, body: try await JSONBody.read(request))
        return .json(try await context.env().write { tx in
            _ = try WebhookEndpointRecord.find(id, in: tx.db)
            try record.save(tx.db)
            return record.wire
        })
    }

    @Sendable func clearFaults(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            _ = try WebhookEndpointRecord.find(id, in: tx.db)
            _ = try WebhookFaultsRecord.deleteOne(tx.db, key: id)
        }
        return .noContent
    }

    private static func wire(of id: String, in db: Database) throws -> JSON {
        try WebhookDeliveryRecord.find(id, in: db).wire(attempts: WebhookAttemptRecord.all(of: [id], in: db)[id] ?? [])
    }
}
