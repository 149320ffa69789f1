import EmulatorCore
import GRDB

/// What the rest of the emulator may do with webhooks. Records stay inside this target.
public enum WebhooksAPI {
    /// Makes sure the environment has an enabled endpoint at `url` that receives every event, signed
    /// with `secret` (else the secret it already has, else a new one), and returns that secret. For
    /// `serve --webhook URL[,secret]`, at every start, before the server accepts requests. A new
    /// endpoint is made as the API makes one (`NewWebhookEndpoint`), in the environment's write path.
    public static func ensureEndpoint(url: String, secret: String?, in environment: Environment) async throws -> String {
        let url = try EndpointInput.url(url)
        return try await environment.write { tx in
            guard var record = try WebhookEndpointRecord.filter(Column("endpoint_url") == url).fetchOne(tx.db) else {
                return try NewWebhookEndpoint(url: url, events: [], secret: secret).create(in: tx).secret
            }
            record.secret = secret ?? record.secret
            record.status = .enabled
            record.events = []
            record.updatedAt = tx.now
            try record.update(tx.db)
            return record.secret
        }
    }
}
