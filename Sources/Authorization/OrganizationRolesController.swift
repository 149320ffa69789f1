import EmulatorCore
import GRDB
import Hummingbird
import Organizations

/// `/authorization/organizations/{organizationId}/roles`: the roles that apply in an organization (the
/// environment's, then its own custom roles) and the custom roles themselves. Environment roles can be
/// read here but changed only through `/authorization/roles`.
public struct OrganizationRolesController: Sendable {
    /// Tells whether memberships hold a role, which forbids deleting it.
    let memberships: AuthorizationAPI.MembershipDirectory

    public init(memberships: AuthorizationAPI.MembershipDirectory) {
        self.memberships = memberships
    }

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("authorization/organizations/:organizationId/roles")
        group.get(use: list)
        group.post(use: create)
        group.get(":slug", use: get)
        group.patch(":slug", use: update)
        group.delete(":slug", use: delete)
        group.post(":slug/permissions", use: addPermission)
        group.put(":slug/permissions", use: setPermissions)
        group.delete(":slug/permissions/:permissionSlug", use: removePermission)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("organizationId")
        return .json(try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: organizationID, in: db)
            return try RoleRecord.listWire(try RoleRecord.environmentRoles(in: db) + RoleRecord.customRoles(of: organizationID, in: db),
                                           in: db)
        })
    }

    /// Without a `slug`, one is made from the name and a random suffix (`org-billing-admin-x7k2qp`).
    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("organizationId")
        let body = try await JSONBody.read(request)
        let name = try AuthorizationFields.name(in: body, required: true)!
        let slug = try body.string("slug").map { try AuthorizationFields.slug($0, kind: .organizationRole) }
        let role = NewRole(
            slug: slug ?? NewRole.generatedSlug(from: name), organizationID: organizationID, name: name,
            description: try AuthorizationFields.description(in: body).applied(to: nil),
            resourceTypeSlug: try AuthorizationFields.resourceTypeSlug(in: body))
        let created = try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            return try role.create(in: tx).wire(in: tx.db)
        }
        return .json(created, status: .created)
    }

    /// A custom role, or the environment role of that slug.
    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("organizationId")
        let slug = try context.parameter("slug")
        return .json(try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: organizationID, in: db)
            guard let role = try RoleRecord.resolve(slug, in: organizationID, db: db) else { throw APIError.notFound("Role", slug) }
            return try role.wire(in: db)
        })
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let details = try RoleRecord.Details(try await JSONBody.read(request))
        return .json(try await edit(context) { role, tx in try role.update(details, in: tx) })
    }

    @Sendable func addPermission(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let permission = try await JSONBody.read(request).requiredString("slug")
        return .json(try await edit(context) { role, tx in try role.addPermission(permission, in: tx) })
    }

    @Sendable func setPermissions(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        guard let permissions = try body.stringArray("permissions") else { throw JSONBody.required("permissions") }
        return .json(try await edit(context) { role, tx in try role.setPermissions(permissions, in: tx) })
    }

    @Sendable func removePermission(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let permission = try context.parameter("permissionSlug")
        return .json(try await edit(context) { role, tx in try role.removePermission(permission, in: tx) })
    }

    /// A role that memberships or pending invitations hold, or that is assigned on a resource (to a
    /// membership or a group), stays (409 `role_has_assignments`).
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let memberships = self.memberships
        _ = try await edit(context) { role, tx in
            let assigned = try RoleAssignmentRecord.filter(Column("role_id") == role.id).fetchCount(tx.db) > 0
                || GroupRoleAssignmentRecord.filter(Column("role_id") == role.id).fetchCount(tx.db) > 0
            guard !assigned, try !memberships.holdRole(role.organizationId!, role.slug, tx.db) else {
                throw APIError(.conflict, code: "role_has_assignments",
                               message: "Role '\(role.slug)' is assigned; remove its assignments before deleting it.")
            }
            try role.remove(in: tx)
            return .null
        }
        return .noContent
    }

    /// Runs a change on the organization's custom role named in the path, in one transaction.
    private func edit(_ context: EmulatorRequestContext,
                      _ change: @escaping @Sendable (inout RoleRecord, Transaction) throws -> JSON) async throws -> JSON {
        let organizationID = try context.parameter("organizationId")
        let slug = try context.parameter("slug")
        return try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            guard var role = try RoleRecord.resolve(slug, in: organizationID, db: tx.db) else {
                throw APIError.notFound("Role", slug)
            }
            guard !role.isEnvironmentRole else {
                throw APIError(.badRequest, code: "bad_request",
                               message: "'\(slug)' is an environment role; change it through /authorization/roles/\(slug).")
            }
            return try change(&role, tx)
        }
    }
}
