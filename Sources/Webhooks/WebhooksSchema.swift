import GRDB

/// The Webhooks area's tables: endpoints, the faults set on them, and the delivery outbox with every
/// attempt made.
public enum WebhooksSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("webhooks.v1") { db in
            try db.create(table: WebhookEndpointRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("endpoint_url", .text).notNull().unique()
                t.column("secret", .text).notNull()
                t.column("status", .text).notNull()
                t.column("events", .jsonText).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(table: WebhookFaultsRecord.databaseTableName) { t in
                t.primaryKey("endpoint_id", .text)
                    .references(WebhookEndpointRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("duplicate", .boolean).notNull()
                t.column("reorder", .boolean).notNull()
                t.column("drop", .boolean).notNull()
                t.column("bad_signature", .boolean).notNull()
                t.column("delay_seconds", .integer).notNull()
                t.column("stale_timestamp_seconds", .integer).notNull()
                t.column("remaining", .integer)
            }
            try db.create(table: WebhookDeliveryRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("endpoint_id", .text).notNull()
                    .references(WebhookEndpointRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("event_id", .text).notNull()
                t.column("event", .text).notNull()
                t.column("object_key", .text).notNull()
                t.column("state", .text).notNull()
                t.column("attempt_count", .integer).notNull()
                t.column("next_attempt_at", .integer)
                t.column("faults", .jsonText)
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            // What is due, and what precedes a delivery for the same object on the same endpoint.
            try db.create(index: "webhook_deliveries_due", on: WebhookDeliveryRecord.databaseTableName,
                          columns: ["state", "next_attempt_at"])
            try db.create(index: "webhook_deliveries_by_object", on: WebhookDeliveryRecord.databaseTableName,
                          columns: ["endpoint_id", "object_key", "state", "id"])
            try db.create(index: "webhook_deliveries_by_event", on: WebhookDeliveryRecord.databaseTableName,
                          columns: ["event_id", "id"])
            try db.create(table: WebhookAttemptRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("delivery_id", .text).notNull()
                    .references(WebhookDeliveryRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("attempted_at", .integer).notNull()
                t.column("signature", .text).notNull()
                t.column("status", .integer)
                t.column("error", .text)
                t.column("latency_ms", .integer).notNull()
                t.column("response_excerpt", .text)
                t.column("duplicate", .boolean).notNull()
                t.column("next_retry_at", .integer)
            }
            try db.create(index: "webhook_attempts_by_delivery", on: WebhookAttemptRecord.databaseTableName,
                          columns: ["delivery_id", "id"])
        }
    }
}
