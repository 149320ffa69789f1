import EmulatorCore
import Foundation
import GRDB

/// A row of `connect_client_secrets`: a secret of a Connect application, shown once when it is made.
/// The row keeps its SHA-256 and a hint (its last four characters) to tell secrets apart.
struct ClientSecretRecord: EmulatorRecord, WireRepresentable {
    static let databaseTableName = "connect_client_secrets"

    var id: String
    var applicationId: String
    var secretHash: String
    var secretHint: String
    var lastUsedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    var wire: JSON {
        [
            "object": "connect_application_secret",
            "id": .string(id),
            "secret_hint": .string(secretHint),
            "last_used_at": .timestamp(lastUsedAt),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The application's secrets, oldest first: the whole list, as the API answers it (a bare array).
    static func all(of application: ConnectApplicationRecord, in db: Database) throws -> [ClientSecretRecord] {
        try filter(Column("application_id") == application.id).order(Column("id")).fetchAll(db)
    }

    static func find(_ id: String, in db: Database) throws -> ClientSecretRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Client Secret", id) }
        return record
    }

    /// Makes a secret for the application and answers it with its value, the one time it is shown.
    static func issue(for application: ConnectApplicationRecord, in tx: Transaction) throws -> JSON {
        let secret = ObjectID.token(48).lowercased()
        let record = ClientSecretRecord(
            id: tx.newID("secret"), applicationId: application.id,
            secretHash: SecretDigest.hex(secret),
            secretHint: String(secret.suffix(4)), lastUsedAt: nil, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        var answer = record.wire
        answer.set("secret", .string(secret))
        return answer
    }
}
