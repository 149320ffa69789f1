import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_group_role_assignments`: a role given to a group on one resource. Each
/// member of the group holds it as a role assignment of its own (`source.type: group`), made when the
/// assignment is or when the membership joins the group, and deleted (by the foreign key) with it.
struct GroupRoleAssignmentRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "authorization_group_role_assignments"

    var id: String
    var groupId: String
    var roleId: String
    var resourceId: String
    var createdAt: Date
    var updatedAt: Date

    func wire(role: RoleRecord, resource: ResourceRecord) -> JSON {
        [
            "object": "group_role_assignment",
            "id": .string(id),
            "group_id": .string(groupId),
            "role": ["slug": .string(role.slug)],
            "resource": [
                "id": .string(resource.id),
                "external_id": .string(resource.externalId),
                "resource_type_slug": .string(resource.resourceTypeSlug),
            ],
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The role is there: an assigned role cannot be deleted, and the foreign key holds it.
    func wire(in db: Database) throws -> JSON {
        wire(role: try RoleRecord.fetchOne(db, key: roleId)!, resource: try ResourceRecord.find(resourceId, in: db))
    }

    static func find(_ id: String, of groupID: String, in db: Database) throws -> GroupRoleAssignmentRecord {
        let record = try filter(Column("id") == id && Column("group_id") == groupID).fetchOne(db)
        guard let record else { throw APIError.notFound("Group Role Assignment", id) }
        return record
    }

    static func existing(of groupID: String, role roleID: String, on resourceID: String,
                         in db: Database) throws -> GroupRoleAssignmentRecord? {
        try filter(Column("group_id") == groupID && Column("role_id") == roleID && Column("resource_id") == resourceID).fetchOne(db)
    }

    /// Gives the role to each of these memberships (of the group's organization) as a role assignment
    /// derived from this one.
    func grant(to membershipIDs: [String], organizationID: String, in tx: Transaction) throws {
        for membershipID in membershipIDs {
            try RoleAssignmentRecord(id: tx.newID("role_assignment"), organizationMembershipId: membershipID,
                                     organizationId: organizationID, roleId: roleId, resourceId: resourceId,
                                     groupRoleAssignmentId: id, createdAt: tx.now, updatedAt: tx.now).insert(tx.db)
        }
    }
}
