import EmulatorCore
import Foundation
import GRDB

/// A row of `vault_objects`: a named, encrypted value (its versions are `VaultVersionRecord`s), with
/// the context its data keys are sealed for and who last changed it.
struct VaultObjectRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "vault_objects"

    var id: String
    var name: String
    var context: JSONObject
    /// The current version, and the data key it is encrypted under.
    var versionId: String
    var keyId: String
    var updatedById: String
    var updatedByName: String
    var createdAt: Date
    var updatedAt: Date

    var keyContext: KeyContext {
        get throws { try KeyContext(context, field: "key_context") }
    }

    /// `ObjectSummary`, as lists show it.
    var summary: JSON { ["id": .string(id), "name": .string(name), "updated_at": .timestamp(updatedAt)] }

    /// `ObjectMetadata`.
    func metadata(environmentID: String) -> JSON {
        [
            "id": .string(id),
            "environment_id": .string(environmentID),
            "key_id": .string(keyId),
            "version_id": .string(versionId),
            "context": .object(context),
            "updated_at": .timestamp(updatedAt),
            "updated_by": ["id": .string(updatedById), "name": .string(updatedByName)],
        ]
    }

    /// `ObjectWithoutValue`; with `value`, the `Object` a read answers.
    func wire(environmentID: String, value: String? = nil) -> JSON {
        var object: JSON = ["id": .string(id), "name": .string(name)]
        if let value { object.set("value", .string(value)) }
        object.set("metadata", metadata(environmentID: environmentID))
        return object
    }

    static func find(_ id: String, in db: Database) throws -> VaultObjectRecord {
        guard let record = try fetchOne(db, key: id) else { throw VaultError.notFound("Object '\(id)'") }
        return record
    }

    static func find(name: String, in db: Database) throws -> VaultObjectRecord {
        guard let record = try filter(Column("name") == name).fetchOne(db) else {
            throw VaultError.notFound("Object named '\(name)'")
        }
        return record
    }

    /// Encrypts and stores a new object (`vault.data.created`). A name in use is a 409.
    static func create(_ new: NewVaultObject, in tx: Transaction, actor: VaultActor) throws -> VaultObjectRecord {
        guard try filter(Column("name") == new.name).fetchCount(tx.db) == 0 else {
            throw VaultError.invalid("An object named '\(new.name)' already exists.", status: .conflict)
        }
        let id = tx.newID("kv")
        let version = try VaultVersionRecord.seal(new.value, for: id, context: new.context, in: tx, actor: actor)
        let record = VaultObjectRecord(
            id: id, name: new.name, context: new.context.wire.objectValue ?? [:], versionId: version.id,
            keyId: version.keyId, updatedById: actor.id, updatedByName: actor.name, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        try version.insert(tx.db)
        try record.announce("vault.data.created", in: tx, actor: actor, withKey: true)
        return record
    }

    /// Stores a new value as a new current version (`vault.data.updated`). `versionCheck`, when
    /// given, must name the current version (optimistic locking), or the answer is a 409.
    func updating(value: String, versionCheck: String?, in tx: Transaction, actor: VaultActor) throws -> VaultObjectRecord {
        try check(versionCheck)
        let version = try VaultVersionRecord.seal(value, for: id, context: try keyContext, in: tx, actor: actor)
        try version.insert(tx.db)
        var record = self
        record.versionId = version.id
        record.keyId = version.keyId
        record.updatedById = actor.id
        record.updatedByName = actor.name
        record.updatedAt = tx.now
        try record.update(tx.db)
        try record.announce("vault.data.updated", in: tx, actor: actor, withKey: true)
        return record
    }

    /// Deletes the object and every version (`vault.data.deleted`), after the same version check.
    func deleting(versionCheck: String?, in tx: Transaction, actor: VaultActor) throws {
        try check(versionCheck)
        try delete(tx.db)
        try announce("vault.data.deleted", in: tx, actor: actor, withKey: false)
    }

    /// The current value, decrypted (`vault.data.read`).
    func read(in tx: Transaction, actor: VaultActor) throws -> String {
        guard let version = try VaultVersionRecord.fetchOne(tx.db, key: versionId) else {
            throw VaultError.notFound("Version '\(versionId)'")
        }
        let value = try version.open(in: tx.db)
        var data = actor.eventData
        data["kv_name"] = .string(name)
        data["key_id"] = .string(keyId)
        try tx.emit("vault.data.read", .object(data))
        return value
    }

    private func check(_ versionCheck: String?) throws {
        if let versionCheck, versionCheck != versionId {
            throw VaultError.versionMismatch(expected: versionCheck, current: versionId)
        }
    }

    private func announce(_ type: String, in tx: Transaction, actor: VaultActor, withKey: Bool) throws {
        var data = actor.eventData
        data["kv_name"] = .string(name)
        if withKey {
            data["key_id"] = .string(keyId)
            data["key_context"] = .object(context)
        }
        try tx.emit(type, .object(data))
    }
}
