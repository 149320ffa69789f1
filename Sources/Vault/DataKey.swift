import Crypto
import EmulatorCore
import Foundation

/// A data key handed out for local encryption: 32 random bytes (AES-256) with its ID, and the same key
/// sealed for its context. The answer of `data-key` and `rekey`.
struct DataKey {
    let id: String
    let key: SymmetricKey
    let encrypted: EncryptedDataKey

    /// A fresh key for the context, handed out to the caller (`vault.dek.read`).
    static func generate(for context: KeyContext, in tx: Transaction, actor: VaultActor) throws -> DataKey {
        let dataKey = try make(for: context, in: tx, actor: actor)
        try dataKey.announce(in: tx, actor: actor)
        return dataKey
    }

    /// A fresh key for the context, kept by the vault (an object's version): nothing is handed out.
    static func make(for context: KeyContext, in tx: Transaction, actor: VaultActor) throws -> DataKey {
        let kek = try KeyEncryptionKeyRecord.current(in: tx, actor: actor)
        let id = tx.newID("dek")
        let key = SymmetricKey(size: .bits256)
        return DataKey(id: id, key: key, encrypted: try .seal(key, id: id, context: context, under: kek))
    }

    /// The key a blob seals (`vault.dek.decrypted`).
    static func decrypt(_ encrypted: EncryptedDataKey, in tx: Transaction, actor: VaultActor) throws -> DataKey {
        let dataKey = DataKey(id: encrypted.dataKeyID, key: try encrypted.open(in: tx.db), encrypted: encrypted)
        var data = actor.eventData
        data["key_id"] = .string(dataKey.id)
        try tx.emit("vault.dek.decrypted", .object(data))
        return dataKey
    }

    /// The same key (same ID) sealed again for another context, once the old blob has opened
    /// (`vault.dek.read` with the new context).
    static func rekey(_ encrypted: EncryptedDataKey, to context: KeyContext, in tx: Transaction, actor: VaultActor) throws -> DataKey {
        let key = try encrypted.open(in: tx.db)
        let kek = try KeyEncryptionKeyRecord.current(in: tx, actor: actor)
        let dataKey = DataKey(id: encrypted.dataKeyID, key: key,
                              encrypted: try .seal(key, id: encrypted.dataKeyID, context: context, under: kek))
        try dataKey.announce(in: tx, actor: actor)
        return dataKey
    }

    var base64Key: String { key.withUnsafeBytes { Data($0) }.base64EncodedString() }

    /// `CreateDataKeyResponse`.
    var wire: JSON {
        [
            "id": .string(id),
            "data_key": .string(base64Key),
            "encrypted_keys": .string(encrypted.bytes.base64EncodedString()),
            "context": encrypted.context.wire,
        ]
    }

    private func announce(in tx: Transaction, actor: VaultActor) throws {
        var data = actor.eventData
        data["key_ids"] = .strings([id])
        data["key_context"] = encrypted.context.wire
        try tx.emit("vault.dek.read", .object(data))
    }
}
