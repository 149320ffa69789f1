import EmulatorCore
import Foundation
import GRDB

/// A row of `api_keys`: a key the environment issued to an organization or to a user in one. Its
/// secret value is known only at creation; the row keeps its hash to recognise it at validation.
struct APIKeyRecord: EmulatorRecord, ListableRecord, WireRepresentable {
    static let databaseTableName = "api_keys"

    var id: String
    var ownerType: String
    var ownerId: String
    var organizationId: String
    var name: String
    var valueHash: String
    var obfuscatedValue: String
    var permissions: [String]
    var expiresAt: Date?
    var lastUsedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    var owner: APIKeyOwner {
        ownerType == "user" ? .user(ownerId, organizationID: organizationId) : .organization(ownerId)
    }

    /// The key as every API answer and event shows it: never its value.
    var wire: JSON {
        [
            "object": "api_key",
            "id": .string(id),
            "owner": owner.wire,
            "name": .string(name),
            "obfuscated_value": .string(obfuscatedValue),
            "last_used_at": .timestamp(lastUsedAt),
            "expires_at": .timestamp(expiresAt),
            "permissions": .strings(permissions),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    func isExpired(at now: Date) -> Bool { expiresAt.map { $0 <= now } ?? false }

    static func find(_ id: String, in db: Database) throws -> APIKeyRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("API Key", id) }
        return record
    }

    /// An owner's keys, newest first by default; a user's narrowed to one organization when asked.
    static func owned(by ownerID: String, organizationID: String? = nil) -> QueryInterfaceRequest<APIKeyRecord> {
        var request = filter(Column("owner_id") == ownerID)
        if let organizationID { request = request.filter(Column("organization_id") == organizationID) }
        return request
    }

    /// Issues a key (`api_key.created`) and answers it with its secret value, the one time it is shown.
    static func issue(_ new: NewAPIKey, to owner: APIKeyOwner, in tx: Transaction) throws -> JSON {
        try new.check(in: tx)
        let secret = APIKeySecret.generate()
        var permissions: [String] = []
        for slug in new.permissions where !permissions.contains(slug) { permissions.append(slug) }
        let record = APIKeyRecord(
            id: tx.newID("api_key"), ownerType: owner.type, ownerId: owner.id, organizationId: owner.organizationID,
            name: new.name, valueHash: secret.hash, obfuscatedValue: secret.obfuscated, permissions: permissions,
            expiresAt: new.expiresAt, lastUsedAt: nil, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        try record.announce("api_key.created", in: tx)
        var answer = record.wire
        answer.set("value", .string(secret.value))
        return answer
    }

    /// The live key whose secret is `value`, stamped as used now; nil for an unknown or expired value.
    static func use(value: String, in tx: Transaction) throws -> APIKeyRecord? {
        guard var record = try filter(Column("value_hash") == SecretDigest.hex(value)).fetchOne(tx.db),
              !record.isExpired(at: tx.now)
        else { return nil }
        record.lastUsedAt = tx.now
        try record.update(tx.db)
        return record
    }

    /// Sets when the key expires (`api_key.updated`, with the previous expiry): `at` now or earlier
    /// expires it at once, nil clears a scheduled expiry. An expired key is WorkOS's 409; a change to
    /// what is already so announces nothing.
    func expiring(at requested: Date?, in tx: Transaction) throws -> APIKeyRecord {
        guard !isExpired(at: tx.now) else {
            throw APIError(.conflict, code: "api_key_already_expired", message: "API key is already expired")
        }
        let expiresAt = requested.map { max($0, tx.now).wholeMilliseconds }
        // Compared in whole milliseconds (the stored precision): a parsed date and a stored one of the
        // same instant can differ in the last bits of their floating-point seconds.
        guard expiresAt?.unixMilliseconds != self.expiresAt?.unixMilliseconds else { return self }
        var record = self
        record.expiresAt = expiresAt
        record.updatedAt = tx.now
        try record.update(tx.db)
        var data = record.wire
        data.set("previous_attributes", ["expires_at": .timestamp(self.expiresAt)])
        try tx.emit("api_key.updated", data, organizationID: organizationId)
        return record
    }

    /// Deletes the key for good (`api_key.revoked`): its value stops validating.
    func revoke(in tx: Transaction) throws {
        try delete(tx.db)
        try announce("api_key.revoked", in: tx)
    }

    private func announce(_ type: String, in tx: Transaction) throws {
        try tx.emit(type, wire, organizationID: organizationId)
    }
}
