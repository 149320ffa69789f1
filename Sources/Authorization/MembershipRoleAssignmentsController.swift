import EmulatorCore
import GRDB
import Hummingbird

/// `/authorization/organization_memberships/{id}/role_assignments`: the roles a membership holds on
/// resources. The memberships themselves live in another area, reached through the
/// `MembershipDirectory` given at assembly.
public struct MembershipRoleAssignmentsController: Sendable {
    let memberships: AuthorizationAPI.MembershipDirectory

    public init(memberships: AuthorizationAPI.MembershipDirectory) {
        self.memberships = memberships
    }

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("authorization/organization_memberships/:membershipId/role_assignments")
        group.get(use: listAssignments)
        group.post(use: assign)
        group.delete(use: unassign)
        group.delete(":assignmentId", use: deleteAssignment)
    }

    /// The membership's role assignments, direct and held through its groups, narrowed to one resource
    /// when the query names one.
    @Sendable func listAssignments(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let membershipID = try context.parameter("membershipId")
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let target = try AuthorizationAPI.ResourceTarget.read(from: query)
        let memberships = self.memberships
        let page = try await context.env().read { db in
            let member = try memberships.member(membershipID, db)
            var assignments = RoleAssignmentRecord.filter(Column("organization_membership_id") == member.membershipID)
            if let target {
                assignments = assignments.filter(Column("resource_id") == (try target.resolve(in: member.organizationID, db: db)).id)
            }
            return try assignments.page(list, in: db).map { try $0.wire(in: db) }
        }
        return .json(page.wire { $0 })
    }

    /// Assigns `role_slug` on the resource; the role must be scoped to the resource's type. Assigning
    /// what is already assigned answers the existing assignment.
    @Sendable func assign(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let membershipID = try context.parameter("membershipId")
        let body = try await JSONBody.read(request)
        let roleSlug = try body.requiredString("role_slug")
        let target = try AuthorizationAPI.ResourceTarget.required(from: body)
        let memberships = self.memberships
        let assignment = try await context.env().write { tx in
            let member = try memberships.member(membershipID, tx.db)
            let role = try Self.role(roleSlug, of: member, in: tx.db)
            let resource = try target.resolve(in: member.organizationID, db: tx.db)
            guard role.resourceTypeSlug == resource.resourceTypeSlug else {
                throw APIError.invalidParameter("role_slug", code: "invalid_value",
                                                "Role '\(roleSlug)' applies to \(role.resourceTypeSlug) resources, not \(resource.resourceTypeSlug) ones.")
            }
            let existing = try RoleAssignmentRecord.direct(of: member.membershipID)
                .filter(Column("role_id") == role.id && Column("resource_id") == resource.id).fetchOne(tx.db)
            let record = existing ?? RoleAssignmentRecord(
                id: tx.newID("role_assignment"), organizationMembershipId: member.membershipID,
                organizationId: member.organizationID, roleId: role.id, resourceId: resource.id,
                groupRoleAssignmentId: nil, createdAt: tx.now, updatedAt: tx.now)
            if existing == nil { try record.insert(tx.db) }
            return record.wire(role: role, resource: resource)
        }
        return .json(assignment, status: .created)
    }

    /// Removes the direct assignment of `role_slug` on the resource (404 when there is none).
    @Sendable func unassign(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let membershipID = try context.parameter("membershipId")
        let body = try await JSONBody.read(request)
        let roleSlug = try body.requiredString("role_slug")
        let target = try AuthorizationAPI.ResourceTarget.required(from: body)
        let memberships = self.memberships
        try await context.env().write { tx in
            let member = try memberships.member(membershipID, tx.db)
            let role = try Self.role(roleSlug, of: member, in: tx.db)
            let resource = try target.resolve(in: member.organizationID, db: tx.db)
            let removed = try RoleAssignmentRecord.direct(of: member.membershipID)
                .filter(Column("role_id") == role.id && Column("resource_id") == resource.id).deleteAll(tx.db)
            guard removed > 0 else {
                throw APIError(.notFound, message: "Role '\(roleSlug)' is not assigned to '\(membershipID)' on '\(resource.id)'.")
            }
        }
        return .noContent
    }

    @Sendable func deleteAssignment(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let membershipID = try context.parameter("membershipId")
        let assignmentID = try context.parameter("assignmentId")
        let memberships = self.memberships
        try await context.env().write { tx in
            let member = try memberships.member(membershipID, tx.db)
            try RoleAssignmentRecord.findDirect(assignmentID, of: member.membershipID, in: tx.db).delete(tx.db)
        }
        return .noContent
    }

    private static func role(_ slug: String, of member: AuthorizationAPI.Member, in db: Database) throws -> RoleRecord {
        guard let role = try RoleRecord.resolve(slug, in: member.organizationID, db: db) else { throw APIError.notFound("Role", slug) }
        return role
    }
}
