import EmulatorCore
import GRDB

/// Changes to a role's name, description and permissions, and its deletion: what `PATCH …/roles/{slug}`,
/// the `…/permissions` routes and `DELETE` do, for environment and custom roles alike. A change stamps
/// `updated_at` and emits `role.updated` (or `organization_role.updated`); asking for what is already so
/// changes nothing and emits nothing.
extension RoleRecord {
    /// `name` and `description` from a `PATCH` body.
    struct Details: Sendable {
        var name: String?
        var description: FieldUpdate<String>

        init(name: String?, description: FieldUpdate<String>) {
            self.name = name
            self.description = description
        }

        init(_ body: JSONBody) throws {
            self.init(name: try AuthorizationFields.name(in: body, required: false),
                      description: try AuthorizationFields.description(in: body))
        }
    }

    mutating func update(_ details: Details, in tx: Transaction) throws -> JSON {
        let before = self
        name = details.name ?? name
        description = details.description.applied(to: description)
        return try saved(changed: self != before, in: tx)
    }

    mutating func addPermission(_ slug: String, in tx: Transaction) throws -> JSON {
        let permission = try PermissionRecord.find(slug: slug, in: tx.db)
        return try saved(changed: try RolePermissions.add(permission, to: id, in: tx.db), in: tx)
    }

    mutating func setPermissions(_ slugs: [String], in tx: Transaction) throws -> JSON {
        let permissions = try RolePermissions.permissions(slugs, in: tx.db)
        return try saved(changed: try RolePermissions.set(permissions, of: id, in: tx.db), in: tx)
    }

    /// Removing a permission the role does not grant is a 404, as removing anything absent is.
    mutating func removePermission(_ slug: String, in tx: Transaction) throws -> JSON {
        let permission = try PermissionRecord.find(slug: slug, in: tx.db)
        guard try RolePermissions.remove(permission, from: id, in: tx.db) else {
            throw APIError(.notFound, message: "Permission '\(slug)' is not assigned to role '\(self.slug)'.")
        }
        return try saved(changed: true, in: tx)
    }

    private mutating func saved(changed: Bool, in tx: Transaction) throws -> JSON {
        if changed {
            updatedAt = tx.now
            try update(tx.db)
            try tx.emit("\(eventPrefix).updated", try eventWire(in: tx.db))
        }
        return try wire(in: tx.db)
    }

    /// Deletes the role (its grants go with it) and emits `role.deleted` or `organization_role.deleted`.
    func remove(in tx: Transaction) throws {
        let wire = try eventWire(in: tx.db)
        try delete(tx.db)
        try tx.emit("\(eventPrefix).deleted", wire)
    }
}
