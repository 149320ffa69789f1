import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_role_assignments`: a role given to an organization membership on one
/// resource, which grants the role's permissions there and on the resource's descendants.
struct RoleAssignmentRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "authorization_role_assignments"

    var id: String
    var organizationMembershipId: String
    var organizationId: String
    var roleId: String
    var resourceId: String
    var createdAt: Date
    var updatedAt: Date

    func wire(role: RoleRecord, resource: ResourceRecord) -> JSON {
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
            // Groups are not emulated, so every assignment is a direct one.
            "source": ["type": "direct", "group_role_assignment_id": nil, "group": nil],
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The role is there: an assigned role cannot be deleted, and the foreign key holds it.
    func wire(in db: Database) throws -> JSON {
        wire(role: try RoleRecord.fetchOne(db, key: roleId)!, resource: try ResourceRecord.find(resourceId, in: db))
    }

    static func find(_ id: String, of membershipID: String, in db: Database) throws -> RoleAssignmentRecord {
        let record = try filter(Column("id") == id && Column("organization_membership_id") == membershipID).fetchOne(db)
        guard let record else { throw APIError.notFound("Role Assignment", id) }
        return record
    }

    /// The roles a membership holds on any of these resources.
    static func roleIDs(of membershipID: String, on resourceIDs: [String], in db: Database) throws -> [String] {
        try filter(Column("organization_membership_id") == membershipID && resourceIDs.contains(Column("resource_id")))
            .select(Column("role_id"), as: String.self).fetchAll(db)
    }
}
