import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_role_assignments`: a role given to an organization membership on one
/// resource, which grants the role's permissions there and on the resource's descendants. Given
/// directly, or held through a group (`groupRoleAssignmentId`), in which case it goes with the group's
/// assignment or with the membership's place in the group.
struct RoleAssignmentRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "authorization_role_assignments"

    var id: String
    var organizationMembershipId: String
    var organizationId: String
    var roleId: String
    var resourceId: String
    var groupRoleAssignmentId: String?
    var createdAt: Date
    var updatedAt: Date

    /// `group` is the group this assignment comes through, if it does.
    func wire(role: RoleRecord, resource: ResourceRecord, group: GroupRecord? = nil) -> JSON {
        [
            "object": "role_assignment",
            "id": .string(id),
            "organization_membership_id": .string(organizationMembershipId),
            "role": ["slug": .string(role.slug)],
            "resource": [
                "id": .string(resource.id),
                "external_id": .string(resource.externalId),
                "resource_type_slug": .string(resource.resourceTypeSlug),
            ],
            "source": [
                "type": group == nil ? "direct" : "group",
                "group_role_assignment_id": .string(groupRoleAssignmentId),
                "group": group.map { ["id": .string($0.id), "name": .string($0.name)] } ?? nil,
            ],
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The role is there: an assigned role cannot be deleted, and the foreign key holds it.
    /// So is the group assignment it comes through: deleting that deletes this.
    func wire(in db: Database) throws -> JSON {
        let group = try groupRoleAssignmentId.map { assignmentID in
            let groupID = try GroupRoleAssignmentRecord.fetchOne(db, key: assignmentID)!.groupId
            return try GroupRecord.find(groupID, in: db)
        }
        return wire(role: try RoleRecord.fetchOne(db, key: roleId)!, resource: try ResourceRecord.find(resourceId, in: db), group: group)
    }

    /// The membership's direct assignments: those held through groups change only through the groups.
    static func direct(of membershipID: String) -> QueryInterfaceRequest<RoleAssignmentRecord> {
        filter(Column("organization_membership_id") == membershipID && Column("group_role_assignment_id") == nil)
    }

    /// A direct assignment of the membership; one held through a group is 400, naming the group.
    static func findDirect(_ id: String, of membershipID: String, in db: Database) throws -> RoleAssignmentRecord {
        let record = try filter(Column("id") == id && Column("organization_membership_id") == membershipID).fetchOne(db)
        guard let record else { throw APIError.notFound("Role Assignment", id) }
        if let groupAssignmentID = record.groupRoleAssignmentId {
            throw APIError(.badRequest, code: "bad_request",
                           message: "Role assignment '\(id)' comes from group role assignment '\(groupAssignmentID)'; remove it from the group.")
        }
        return record
    }

    /// The roles a membership holds on any of these resources.
    static func roleIDs(of membershipID: String, on resourceIDs: [String], in db: Database) throws -> [String] {
        try filter(Column("organization_membership_id") == membershipID && resourceIDs.contains(Column("resource_id")))
            .select(Column("role_id"), as: String.self).fetchAll(db)
    }
}
