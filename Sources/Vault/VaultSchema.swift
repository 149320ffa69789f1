import GRDB

/// The Vault area's tables: the environment's key-encryption key, the key-value objects and their
/// versions. A version keeps its value encrypted under a data key of its own, and that data key
/// encrypted under the key-encryption key (envelope encryption), never in the clear.
public enum VaultSchema {
    @Sendable public static func migrate(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("vault.v1") { db in
            try db.create(table: KeyEncryptionKeyRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("material", .blob).notNull()
                t.column("created_at", .integer).notNull()
            }
            try db.create(table: VaultObjectRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull().unique()
                t.column("context", .jsonText).notNull()
                t.column("version_id", .text).notNull()
                t.column("key_id", .text).notNull()
                t.column("updated_by_id", .text).notNull()
                t.column("updated_by_name", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
            try db.create(table: VaultVersionRecord.databaseTableName) { t in
                t.primaryKey("id", .text)
                t.column("object_id", .text).notNull()
                    .references(VaultObjectRecord.databaseTableName, column: "id", onDelete: .cascade)
                t.column("key_id", .text).notNull()
                t.column("encrypted_keys", .blob).notNull()
                t.column("ciphertext", .blob).notNull()
                t.column("size", .integer).notNull()
                t.column("etag", .text).notNull()
                t.column("created_at", .integer).notNull()
            }
            // An object's versions, newest first.
            try db.create(index: "vault_versions_by_object", on: VaultVersionRecord.databaseTableName,
                          columns: ["object_id", "id"])
        }
    }
}
