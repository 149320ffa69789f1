import EmulatorCore
import GRDB
import Hummingbird

/// `/authorization/organization_memberships/{id}/…`: access checks, effective permissions and the
/// roles assigned to a membership on resources. The memberships themselves live in another area,
/// reached through the `MembershipDirectory` given at assembly.
public struct MembershipAccessController: Sendable {
    let memberships: AuthorizationAPI.MembershipDirectory

    public init(memberships: AuthorizationAPI.MembershipDirectory) {
        self.memberships = memberships
    }

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("authorization/organization_memberships/:membershipId")
        group.post("check", use: check)
        group.get("resources", use: accessibleResources)
        // The router needs one name per position: `resource` is the resource's ID, or its type when the
        // external ID follows.
        group.get("resources/:resource/permissions", use: effectivePermissionsByID)
        group.get("resources/:resource/:externalId/permissions", use: effectivePermissionsByExternalID)
        group.get("role_assignments", use: listAssignments)
        group.post("role_assignments", use: assign)
        group.delete("role_assignments", use: unassign)
        group.delete("role_assignments/:assignmentId", use: deleteAssignment)
    }

    /// `{"authorized": …}` for `permission_slug` on the resource named by `resource_id` or by
    /// `resource_external_id` and `resource_type_slug` (`organization` and the organization's ID name
    /// the organization itself).
    @Sendable func check(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let membershipID = try context.parameter("membershipId")
        let body = try await JSONBody.read(request)
        let permission = try body.requiredString("permission_slug")
        let target = try AuthorizationAPI.ResourceTarget.required(from: body)
        let memberships = self.memberships
        return .json(try await context.env().read { db in
            let member = try memberships.member(membershipID, db)
            let resource = try target.resolve(in: member.organizationID, db: db)
            return ["authorized": .bool(try Access.permissions(of: member, on: resource, in: db).contains(permission))]
        })
    }

    /// The children of the parent resource (`parent_resource_id`, or `parent_resource_external_id` with
    /// `parent_resource_type_slug`) on which the membership has `permission_slug`.
    @Sendable func accessibleResources(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let membershipID = try context.parameter("membershipId")
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        guard let permission = query.string("permission_slug") else { throw JSONBody.required("permission_slug") }
        guard let parentTarget = try AuthorizationAPI.ResourceTarget.read(from: query, prefix: "parent_") else {
            throw APIError.invalidParameter("parent_resource_id", code: "required",
                                            "parent_resource_id, or parent_resource_external_id with parent_resource_type_slug, is required.")
        }
        let memberships = self.memberships
        return .json(try await context.env().read { db in
            let member = try memberships.member(membershipID, db)
            let parent = try parentTarget.resolve(in: member.organizationID, db: db)
            let accessible = try ResourceRecord.filter(Column("parent_resource_id") == parent.id).fetchAll(db).filter { child in
                try Access.permissions(of: member, on: child, in: db).contains(permission)
            }
            return try ResourceRecord.filter(accessible.map(\.id).contains(Column("id"))).page(list, in: db)
        }.wire)
    }

    @Sendable func effectivePermissionsByID(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await effectivePermissions(on: .id(try context.parameter("resource")), request, context: context)
    }

    @Sendable func effectivePermissionsByExternalID(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let target = AuthorizationAPI.ResourceTarget.external(type: try context.parameter("resource"),
                                                              externalID: try context.parameter("externalId"))
        return try await effectivePermissions(on: target, request, context: context)
    }

    /// The permissions the membership has on the resource, as a list of permission objects.
    private func effectivePermissions(on target: AuthorizationAPI.ResourceTarget, _ request: Request,
                                      context: EmulatorRequestContext) async throws -> Response {
        let membershipID = try context.parameter("membershipId")
        let list = try ListQuery(QueryParameters(request))
        let memberships = self.memberships
        return .json(try await context.env().read { db in
            let member = try memberships.member(membershipID, db)
            let resource = try target.resolve(in: member.organizationID, db: db)
            let slugs = try Access.permissions(of: member, on: resource, in: db)
            return try PermissionRecord.filter(slugs.contains(Column("slug"))).page(list, in: db)
        }.wire)
    }

    /// The membership's role assignments, narrowed to one resource when the query names one.
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
            let existing = try RoleAssignmentRecord.filter(Column("organization_membership_id") == member.membershipID
                                                           && Column("role_id") == role.id && Column("resource_id") == resource.id)
                .fetchOne(tx.db)
            let record = existing ?? RoleAssignmentRecord(
                id: tx.newID("role_assignment"), organizationMembershipId: member.membershipID,
                organizationId: member.organizationID, roleId: role.id, resourceId: resource.id,
                createdAt: tx.now, updatedAt: tx.now)
            if existing == nil { try record.insert(tx.db) }
            return record.wire(role: role, resource: resource)
        }
        return .json(assignment, status: .created)
    }

    /// Removes the assignment of `role_slug` on the resource (404 when there is none).
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
            let removed = try RoleAssignmentRecord.filter(Column("organization_membership_id") == member.membershipID
                                                          && Column("role_id") == role.id && Column("resource_id") == resource.id)
                .deleteAll(tx.db)
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
            try RoleAssignmentRecord.find(assignmentID, of: member.membershipID, in: tx.db).delete(tx.db)
        }
        return .noContent
    }

    private static func role(_ slug: String, of member: AuthorizationAPI.Member, in db: Database) throws -> RoleRecord {
        guard let role = try RoleRecord.resolve(slug, in: member.organizationID, db: db) else { throw APIError.notFound("Role", slug) }
        return role
    }
}
