import EmulatorCore
import Foundation
import GRDB

/// Changing and deleting a resource, addressed by ID or by external ID. Resources have no events in
/// WorkOS's catalogue, so none are emitted.
extension ResourceRecord {
    /// What a `PATCH` asks: `name`, `description`, a new parent.
    struct Changes: Sendable {
        var name: String?
        var description: FieldUpdate<String>
        var parent: AuthorizationAPI.ResourceTarget?

        init(_ body: JSONBody) throws {
            name = try AuthorizationFields.name(in: body, required: false)
            description = try AuthorizationFields.description(in: body)
            parent = try AuthorizationAPI.ResourceTarget.read(from: body, prefix: "parent_")
        }
    }

    /// A new parent must be in the same organization, and never the resource or one of its descendants.
    mutating func apply(_ changes: Changes, in tx: Transaction) throws {
        try ensureEditable()
        let before = self
        name = changes.name ?? name
        description = changes.description.applied(to: description)
        if let target = changes.parent {
            let parent = try target.resolve(in: organizationId, db: tx.db)
            guard try !parent.lineage(in: tx.db).contains(id) else {
                throw APIError.invalidParameter("parent_resource_id", code: "invalid_value",
                                                "A resource cannot move under itself or one of its descendants.")
            }
            parentResourceId = parent.id
        }
        guard self != before else { return }
        updatedAt = tx.now
        try update(tx.db)
    }

    /// Deletes the resource. One with child resources or role assignments goes only when `cascade` says
    /// so, and they go with it (409 `resource_has_dependents` otherwise).
    func remove(cascade: Bool, in tx: Transaction) throws {
        try ensureEditable()
        if !cascade {
            let children = try ResourceRecord.filter(Column("parent_resource_id") == id).fetchCount(tx.db)
            let assignments = try RoleAssignmentRecord.filter(Column("resource_id") == id && Column("group_role_assignment_id") == nil)
                .fetchCount(tx.db) + GroupRoleAssignmentRecord.filter(Column("resource_id") == id).fetchCount(tx.db)
            guard children == 0 && assignments == 0 else {
                throw APIError(.conflict, code: "resource_has_dependents",
                               message: "The resource has \(children) child resources and \(assignments) role assignments; pass cascade_delete=true to delete them too.")
            }
        }
        try delete(tx.db)
    }

    private func ensureEditable() throws {
        guard !isOrganizationRoot else {
            throw APIError(.badRequest, code: "bad_request",
                           message: "An organization's resource cannot be changed or deleted; it lives as long as the organization.")
        }
    }
}
