import EmulatorCore
import Foundation
import GRDB
import Organizations

/// Authorization follows organizations, which another area keeps: each organization gets its root
/// resource (type `organization`, external ID the organization's ID, named after it) when it is
/// created, and its groups, custom roles, resources and role assignments go when it is deleted, each
/// group with its `group.deleted` and each custom role with its `organization_role.deleted`. All inside
/// the organization's own transaction. Events emitted through the control API pass here too, so a
/// repeated `organization.created` finds the root already there.
public enum OrganizationFollower {
    public static let observer: EventObserver = { tx, event in
        guard let organizationID = event.data["id"]?.stringValue, event.data["object"] == "organization" else { return }
        switch event.event {
        case "organization.created":
            guard try ResourceRecord.root(of: organizationID, in: tx.db) == nil,
                  (try? OrganizationsAPI.summary(of: organizationID, in: tx.db)) != nil else { return }
            try ResourceRecord(id: tx.newID("authz_resource"), organizationId: organizationID,
                               resourceTypeSlug: AuthorizationAPI.organizationResourceType, externalId: organizationID,
                               name: event.data["name"]?.stringValue ?? organizationID, description: nil,
                               parentResourceId: nil, createdAt: tx.now, updatedAt: tx.now).insert(tx.db)
        case "organization.updated":
            guard var root = try ResourceRecord.root(of: organizationID, in: tx.db),
                  let name = event.data["name"]?.stringValue, name != root.name else { return }
            root.name = name
            root.updatedAt = tx.now
            try root.update(tx.db)
        case "organization.deleted":
            try RoleAssignmentRecord.filter(Column("organization_id") == organizationID).deleteAll(tx.db)
            // Before the roles, which the groups' assignments hold.
            for group in try GroupRecord.filter(Column("organization_id") == organizationID).fetchAll(tx.db) { try group.remove(in: tx) }
            for role in try RoleRecord.customRoles(of: organizationID, in: tx.db) { try role.remove(in: tx) }
            try ResourceRecord.filter(Column("organization_id") == organizationID).deleteAll(tx.db)
        default:
            return
        }
    }
}
