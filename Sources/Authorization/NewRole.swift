import EmulatorCore
import GRDB

/// Everything needed to create a role, however it was asked for (the API or a scenario file).
struct NewRole: Sendable {
    var slug: String
    /// nil for an environment role.
    var organizationID: String?
    var name: String
    var description: String?
    var resourceTypeSlug = AuthorizationAPI.organizationResourceType
    var permissionSlugs: [String] = []

    /// Creates the role with its permissions and emits `role.created` or `organization_role.created`.
    /// A slug another role already answers to in that scope is WorkOS's 409.
    func create(in tx: Transaction) throws -> RoleRecord {
        try ensureSlugFree(in: tx.db)
        let permissions = try RolePermissions.permissions(permissionSlugs, in: tx.db)
        let record = RoleRecord(id: tx.newID("role"), slug: slug, organizationId: organizationID, name: name,
                                description: description, resourceTypeSlug: resourceTypeSlug,
                                createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        _ = try RolePermissions.set(permissions, of: record.id, in: tx.db)
        try tx.emit("\(record.eventPrefix).created", try record.eventWire(in: tx.db))
        return record
    }

    /// Environment roles apply in every organization, so a custom role may not take an environment
    /// role's slug, nor an environment role a slug some organization already uses.
    private func ensureSlugFree(in db: Database) throws {
        if let organizationID {
            guard try RoleRecord.resolve(slug, in: organizationID, db: db) == nil else {
                throw APIError(.conflict, code: "organization_role_slug_conflict",
                               message: "A role with slug '\(slug)' already exists in this organization.")
            }
        } else {
            guard try RoleRecord.filter(Column("slug") == slug).fetchCount(db) == 0 else {
                throw APIError(.conflict, code: "role_slug_conflict", message: "A role with slug '\(slug)' already exists.")
            }
        }
    }

    /// A custom role's slug made from its name when none is given: `org-`, the name in lowercase words
    /// joined by hyphens, and a random suffix (`org-billing-admin-x7k2qp`), within 48 characters.
    static func generatedSlug(from name: String) -> String {
        let words = name.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        let suffix = ObjectID.token(6).lowercased()
        let stem = String(("org-" + words.joined(separator: "-")).prefix(AuthorizationFields.maxNameLength - suffix.count - 1))
        return (stem.hasSuffix("-") ? stem : stem + "-") + suffix
    }
}
