import Crypto
import EmulatorCore
import Foundation
import GRDB

/// A row of `vault_key_encryption_keys`: the environment's AES-256 key that seals every data key it
/// hands out. Made on the environment's first vault operation (`vault.kek.created`); it lives in the
/// environment's database, so a snapshot keeps what was encrypted readable, and another environment
/// cannot open this one's keys.
struct KeyEncryptionKeyRecord: EmulatorRecord {
    static let databaseTableName = "vault_key_encryption_keys"

    var id: String
    var material: Data
    var createdAt: Date

    var key: SymmetricKey { SymmetricKey(data: material) }

    /// The environment's key, made now if it has none yet.
    static func current(in tx: Transaction, actor: VaultActor) throws -> KeyEncryptionKeyRecord {
        if let existing = try order(Column("id")).fetchOne(tx.db) { return existing }
        let record = KeyEncryptionKeyRecord(
            id: tx.newID("kek"), material: SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }, createdAt: tx.now)
        try record.insert(tx.db)
        var data = actor.eventData
        data["key_name"] = "default"
        data["key_id"] = .string(record.id)
        try tx.emit("vault.kek.created", .object(data))
        return record
    }
}
