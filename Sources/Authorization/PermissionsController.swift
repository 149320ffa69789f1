import EmulatorCore
import Hummingbird

/// `/authorization/permissions`: the environment's permissions, addressed by slug.
public struct PermissionsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("authorization/permissions")
        group.get(use: list)
        group.post(use: create)
        group.get(":slug", use: get)
        group.patch(":slug", use: update)
        group.delete(":slug", use: delete)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let list = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in try PermissionRecord.all().page(list, in: db) }.wire)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let slug = try AuthorizationFields.slug(try body.requiredString("slug"), kind: .permission)
        let name = try AuthorizationFields.name(in: body, required: true)!
        let description = try AuthorizationFields.description(in: body).applied(to: nil)
        let resourceTypeSlug = try AuthorizationFields.resourceTypeSlug(in: body)
        let created = try await context.env().write { tx in
            try PermissionRecord.create(slug: slug, name: name, description: description,
                                        resourceTypeSlug: resourceTypeSlug, in: tx).wire
        }
        return .json(created, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        return .json(try await context.env().read { db in try PermissionRecord.find(slug: slug, in: db).wire })
    }

    /// Changes `name` and `description`; a change emits `permission.updated`, an unchanged body nothing.
    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        let body = try await JSONBody.read(request)
        let name = try AuthorizationFields.name(in: body, required: false)
        let description = try AuthorizationFields.description(in: body)
        return .json(try await context.env().write { tx in
            var record = try PermissionRecord.find(slug: slug, in: tx.db)
            let before = record
            record.name = name ?? record.name
            record.description = description.applied(to: record.description)
            guard record != before else { return record.wire }
            record.updatedAt = tx.now
            try record.update(tx.db)
            try tx.emit("permission.updated", record.wire)
            return record.wire
        })
    }

    /// Deletes the permission; the roles that granted it stop granting it.
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        try await context.env().write { tx in
            let record = try PermissionRecord.find(slug: slug, in: tx.db)
            try record.delete(tx.db)
            try tx.emit("permission.deleted", record.wire)
        }
        return .noContent
    }
}
