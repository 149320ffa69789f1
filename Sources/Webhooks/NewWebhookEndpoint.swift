import EmulatorCore
import GRDB

/// Everything needed to create a webhook endpoint, however it was asked for (the API or a scenario).
struct NewWebhookEndpoint: Sendable {
    var id: String?
    var url: String
    var events: [String]
    var secret: String?
    var status = WebhookEndpointRecord.Status.enabled
    var faults: JSONObject?

    func create(in tx: Transaction) throws -> WebhookEndpointRecord {
        try WebhookEndpointRecord.ensureURLFree(url, in: tx.db)
        if let id, try WebhookEndpointRecord.exists(tx.db, key: id) {
            throw APIError(.conflict, message: "A webhook endpoint with ID '\(id)' already exists.")
        }
        let record = WebhookEndpointRecord(
            id: id ?? tx.newID("we"), endpointUrl: url, secret: secret ?? WebhookSecret.generate(), status: status,
            events: events, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        if let faults { try WebhookFaultsRecord(endpointID: record.id, body: JSONBody(faults)).save(tx.db) }
        return record
    }
}
