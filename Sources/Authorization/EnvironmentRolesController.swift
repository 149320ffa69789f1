import EmulatorCore
import GRDB
import Hummingbird

/// `/authorization/roles`: the roles every organization of the environment has (`member`, the
/// default, and `admin` from the start). The API cannot delete one; the dashboard can.
public struct EnvironmentRolesController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("authorization/roles")
        group.get(use: list)
        group.post(use: create)
        group.get(":slug", use: get)
        group.patch(":slug", use: update)
        group.post(":slug/permissions", use: addPermission)
        group.put(":slug/permissions", use: setPermissions)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        .json(try await context.env().read { db in try RoleRecord.listWire(try RoleRecord.environmentRoles(in: db), in: db) })
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let role = NewRole(
            slug: try AuthorizationFields.slug(try body.requiredString("slug"), kind: .environmentRole),
            name: try AuthorizationFields.name(in: body, required: true)!,
            description: try AuthorizationFields.description(in: body).applied(to: nil),
            resourceTypeSlug: try AuthorizationFields.resourceTypeSlug(in: body))
        let created = try await context.env().write { tx in try role.create(in: tx).wire(in: tx.db) }
        return .json(created, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        return .json(try await context.env().read { db in try Self.find(slug, in: db).wire(in: db) })
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        let details = try RoleRecord.Details(try await JSONBody.read(request))
        return .json(try await context.env().write { tx in
            var role = try Self.find(slug, in: tx.db)
            return try role.update(details, in: tx)
        })
    }

    @Sendable func addPermission(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        let permission = try await JSONBody.read(request).requiredString("slug")
        return .json(try await context.env().write { tx in
            var role = try Self.find(slug, in: tx.db)
            return try role.addPermission(permission, in: tx)
        })
    }

    @Sendable func setPermissions(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        let body = try await JSONBody.read(request)
        guard let permissions = try body.stringArray("permissions") else { throw JSONBody.required("permissions") }
        return .json(try await context.env().write { tx in
            var role = try Self.find(slug, in: tx.db)
            return try role.setPermissions(permissions, in: tx)
        })
    }

    private static func find(_ slug: String, in db: Database) throws -> RoleRecord {
        guard let role = try RoleRecord.environmentRole(slug, in: db) else { throw APIError.notFound("Role", slug) }
        return role
    }
}
