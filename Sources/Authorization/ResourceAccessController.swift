import EmulatorCore
import GRDB
import Hummingbird

/// Who can do what on a resource: its role assignments, and the memberships that have a permission on
/// it. Each by the resource's ID or by its type and external ID.
public struct ResourceAccessController: Sendable {
    let memberships: AuthorizationAPI.MembershipDirectory

    public init(memberships: AuthorizationAPI.MembershipDirectory) {
        self.memberships = memberships
    }

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        // Parameter names as the resources' own routes name the same segments.
        let byID = api.group("authorization/resources/:id")
        byID.get("role_assignments", use: assignmentsByID)
        byID.get("organization_memberships", use: membershipsByID)
        let byExternalID = api.group("authorization/organizations/:organizationId/resources/:type/:externalId")
        byExternalID.get("role_assignments", use: assignmentsByExternalID)
        byExternalID.get("organization_memberships", use: membershipsByExternalID)
    }

    private typealias Find = @Sendable (Database) throws -> ResourceRecord

    private static func byID(_ context: EmulatorRequestContext) throws -> Find {
        let id = try context.parameter("id")
        return { db in try ResourceRecord.find(id, in: db) }
    }

    private static func byExternalID(_ context: EmulatorRequestContext) throws -> Find {
        let (organizationID, type, externalID) = (try context.parameter("organizationId"), try context.parameter("type"),
                                                  try context.parameter("externalId"))
        return { db in try ResourceRecord.find(organizationID: organizationID, type: type, externalID: externalID, in: db) }
    }

    @Sendable func assignmentsByID(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await assignments(on: try Self.byID(context), request, context)
    }

    @Sendable func assignmentsByExternalID(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await assignments(on: try Self.byExternalID(context), request, context)
    }

    @Sendable func membershipsByID(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await members(of: try Self.byID(context), request, context)
    }

    @Sendable func membershipsByExternalID(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await members(of: try Self.byExternalID(context), request, context)
    }

    /// The role assignments made on the resource itself, narrowed to one role by `role_slug`.
    private func assignments(on find: @escaping Find, _ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let roleSlug = query.string("role_slug")
        let page = try await context.env().read { db in
            let resource = try find(db)
            var assignments = RoleAssignmentRecord.filter(Column("resource_id") == resource.id)
            if let roleSlug {
                let roleID = try RoleRecord.resolve(roleSlug, in: resource.organizationId, db: db)?.id
                assignments = assignments.filter(Column("role_id") == roleID)
            }
            return try assignments.page(list, in: db).map { try $0.wire(in: db) }
        }
        return .json(page.wire { $0 })
    }

    /// The memberships with `permission_slug` on the resource: through any of their roles, or with
    /// `assignment=direct` only through roles assigned on the resource itself.
    private func members(of find: @escaping Find, _ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        guard let permission = query.string("permission_slug") else { throw JSONBody.required("permission_slug") }
        let directOnly: Bool
        switch query.string("assignment") {
        case nil, "indirect": directOnly = false
        case "direct": directOnly = true
        case let other?:
            throw APIError.invalidParameter("assignment", code: "invalid_value", "assignment must be direct or indirect, not '\(other)'.")
        }
        let memberships = self.memberships
        let page = try await context.env().read { db in
            let resource = try find(db)
            let granted = try memberships.members(resource.organizationId, db).filter { member in
                try Access.permissions(of: member, on: resource, directOnly: directOnly, in: db).contains(permission)
            }
            return try memberships.page(granted.map(\.membershipID), list, db)
        }
        return .json(page.wire { $0 })
    }
}
