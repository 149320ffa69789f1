import Crypto
import EmulatorCore
import Foundation
import GRDB

/// A row of `vault_versions`: one value an object has held, AES-GCM encrypted under a data key of its
/// own (bound to its object's ID as associated data), with that data key sealed for the object's
/// context. Versions are never changed; the object names its current one.
struct VaultVersionRecord: EmulatorRecord {
    static let databaseTableName = "vault_versions"

    var id: String
    var objectId: String
    var keyId: String
    var encryptedKeys: Data
    var ciphertext: Data
    /// The value's length in UTF-8 bytes.
    var size: Int
    /// MD5 of the value, hex.
    var etag: String
    var createdAt: Date

    /// Encrypts a value for an object under a fresh data key.
    static func seal(_ value: String, for objectID: String, context: KeyContext, in tx: Transaction,
                     actor: VaultActor) throws -> VaultVersionRecord {
        let dataKey = try DataKey.make(for: context, in: tx, actor: actor)
        let plain = Data(value.utf8)
        guard let box = try AES.GCM.seal(plain, using: dataKey.key, authenticating: Data(objectID.utf8)).combined else {
            throw VaultError.undecryptableKeys
        }
        return VaultVersionRecord(
            id: tx.newID("kv_version"), objectId: objectID, keyId: dataKey.id, encryptedKeys: dataKey.encrypted.bytes,
            ciphertext: box, size: plain.count, etag: Insecure.MD5.hash(data: plain).map { String(format: "%02x", $0) }.joined(),
            createdAt: tx.now)
    }

    /// The value, decrypted: its data key opened with the environment's key, then the value with it.
    func open(in db: Database) throws -> String {
        let key = try EncryptedDataKey(bytes: encryptedKeys).open(in: db)
        guard let box = try? AES.GCM.SealedBox(combined: ciphertext),
              let plain = try? AES.GCM.open(box, using: key, authenticating: Data(objectId.utf8))
        else { throw VaultError.undecryptableKeys }
        return String(decoding: plain, as: UTF8.self)
    }

    /// `ObjectVersion`.
    func wire(current: Bool) -> JSON {
        [
            "id": .string(id),
            "created_at": .timestamp(createdAt),
            "current_version": .bool(current),
            "size": .int(size),
            "etag": .string(etag),
        ]
    }

    /// An object's versions, newest first.
    static func all(of objectID: String, in db: Database) throws -> [VaultVersionRecord] {
        try filter(Column("object_id") == objectID).order(Column("id").desc).fetchAll(db)
    }
}
