import EmulatorCore
import GRDB
import Hummingbird

/// `/authorization/organization_memberships/{id}/…`: what a membership may do: access checks, the
/// resources it can act on, its effective permissions. The memberships themselves live in another area,
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
}
