import EmulatorCore
import Foundation
import GRDB

/// A row of `webhook_endpoints`: where events are delivered, the secret that signs them, and which
/// event types the endpoint subscribes to.
struct WebhookEndpointRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "webhook_endpoints"

    enum Status: String, Codable, Sendable { case enabled, disabled }

    var id: String
    var endpointUrl: String
    var secret: String
    var status: Status
    /// The subscribed event types; empty means every event (see `subscribes(to:)`).
    var events: [String]
    var createdAt: Date
    var updatedAt: Date

    /// An empty list receives every event, including types outside the subscribable catalogue that the
    /// control API can emit: that is what `serve --webhook` creates (and what workos/emulate does).
    func subscribes(to type: String) -> Bool { events.isEmpty || events.contains(type) }

    var wire: JSON {
        [
            "object": "webhook_endpoint",
            "id": .string(id),
            "endpoint_url": .string(endpointUrl),
            "secret": .string(secret),
            "status": .string(status.rawValue),
            "events": .strings(events),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// WorkOS answers an unknown endpoint with a coded 404.
    static func find(_ id: String, in db: Database) throws -> WebhookEndpointRecord {
        guard let record = try fetchOne(db, key: id) else {
            throw APIError(.notFound, code: "entity_not_found", message: "Webhook Endpoint not found: '\(id)'.")
        }
        return record
    }

    /// One endpoint per URL in an environment (WorkOS's 409 `duplicate_endpoint`).
    static func ensureURLFree(_ url: String, except id: String? = nil, in db: Database) throws {
        guard let holder = try filter(Column("endpoint_url") == url).fetchOne(db), holder.id != id else { return }
        throw APIError(.conflict, code: "duplicate_endpoint",
                       message: "A Webhook Endpoint with the URL '\(url)' already exists: '\(holder.id)'.")
    }
}
