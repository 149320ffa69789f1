import EmulatorCore
import GRDB

/// What the rest of the emulator may do with webhooks. Records stay inside this target.
public enum WebhooksAPI {
    /// Makes sure the environment has an enabled endpoint at `url` that receives every event, signed
    /// with `secret` (else the secret it already has, else a new one), and returns that secret. For
    /// `serve --webhook URL[,secret]`, at every start, before the server accepts requests.
    public static func ensureEndpoint(url: String, secret: String?, in environment: Environment) throws -> String {
        let url = try EndpointInput.url(url)
        let now = environment.clock.now()
        return try environment.database.write { db in
            var record = try WebhookEndpointRecord.filter(Column("endpoint_url") == url).fetchOne(db)
                ?? WebhookEndpointRecord(id: ObjectID.make("we", at: now), endpointUrl: url, secret: WebhookSecret.generate(),
                                         status: .enabled, events: [], createdAt: now, updatedAt: now)
            record.secret = secret ?? record.secret
            record.status = .enabled
            record.events = []
            record.updatedAt = now
            try record.save(db)
            return record.secret
        }
    }
}
