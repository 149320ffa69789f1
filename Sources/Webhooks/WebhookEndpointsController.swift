import EmulatorCore
import Hummingbird

/// `/webhook_endpoints`: list, create, update and delete the endpoints events are delivered to.
/// WorkOS has no operation that reads a single endpoint, so neither does the emulator.
public struct WebhookEndpointsController: Sendable {
    let delivery: WebhookDelivery

    public init(delivery: WebhookDelivery) {
        self.delivery = delivery
    }

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("webhook_endpoints")
        group.get(use: list)
        group.post(use: create)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = try ListQuery(QueryParameters(request))
        let page = try await context.env().read { db in try WebhookEndpointRecord.all().page(query, in: db) }
        return .json(page.wire(\.wire))
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let url = try EndpointInput.url(try body.requiredString("endpoint_url"))
        guard let names = try body.stringArray("events") else { throw JSONBody.required("events") }
        let events = try EndpointInput.events(names)
        let endpoint = NewWebhookEndpoint(url: url, events: events)
        let created = try await context.env().write { tx in try endpoint.create(in: tx).wire }
        return .json(created, status: .created)
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        let url = try body.string("endpoint_url").map(EndpointInput.url)
        let status = try body.string("status").map { text in
            guard let status = WebhookEndpointRecord.Status(rawValue: text) else {
                throw APIError.invalidParameter("status", code: "invalid_value", "status must be enabled or disabled.")
            }
            return status
        }
        let events = try body.stringArray("events").map(EndpointInput.events)
        let environment = try context.env()
        let updated = try await environment.write { tx in
            var record = try WebhookEndpointRecord.find(id, in: tx.db)
            if let url {
                try WebhookEndpointRecord.ensureURLFree(url, except: id, in: tx.db)
                record.endpointUrl = url
            }
            record.status = status ?? record.status
            record.events = events ?? record.events
            record.updatedAt = tx.now
            try record.update(tx.db)
            return record.wire
        }
        // A re-enabled endpoint may have deliveries waiting for it.
        delivery.wake(environment.id)
        return .json(updated)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            // Its deliveries, attempts and faults go with it (foreign keys cascade).
            _ = try WebhookEndpointRecord.find(id, in: tx.db).delete(tx.db)
        }
        return .noContent
    }
}
