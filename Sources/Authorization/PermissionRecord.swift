import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_permissions`: an action roles grant, addressed by its slug.
struct PermissionRecord: EmulatorRecord, Equatable, ListableRecord, WireRepresentable {
    static let databaseTableName = "authorization_permissions"

    var id: String
    var slug: String
    var name: String
    var description: String?
    /// WorkOS's own permissions are `system`; every permission made through the emulator is not.
    var system: Bool
    var resourceTypeSlug: String
    var createdAt: Date
    var updatedAt: Date

    var wire: JSON {
        [
            "object": "permission",
            "id": .string(id),
            "slug": .string(slug),
            "name": .string(name),
            "description": .string(description),
            "system": .bool(system),
            "resource_type_slug": .string(resourceTypeSlug),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func find(slug: String, in db: Database) throws -> PermissionRecord {
        guard let record = try filter(Column("slug") == slug).fetchOne(db) else {
            throw APIError.notFound("Permission", slug)
        }
        return record
    }

    /// Creates the permission and emits `permission.created`; a taken slug is WorkOS's 409.
    static func create(slug: String, name: String, description: String?, resourceTypeSlug: String,
                       in tx: Transaction) throws -> PermissionRecord {
        guard try filter(Column("slug") == slug).fetchCount(tx.db) == 0 else {
            throw APIError(.conflict, code: "permission_slug_conflict",
                           message: "A permission with slug '\(slug)' already exists.")
        }
        let record = PermissionRecord(id: tx.newID("perm"), slug: slug, name: name, description: description,
                                      system: false, resourceTypeSlug: resourceTypeSlug,
                                      createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        try tx.emit("permission.created", record.wire)
        return record
    }
}
