import EmulatorCore
import GRDB
import Hummingbird

/// `/authorization/resources`: the objects of the customer's application that roles are assigned on.
public struct ResourcesController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("authorization/resources")
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: get)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
    }

    /// Needs `organization_id` or `resource_type_slug`; narrows by external ID and by parent (its ID, or
    /// its type and external ID).
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let organizationID = query.string("organization_id")
        let type = query.string("resource_type_slug")
        guard organizationID != nil || type != nil else {
            throw APIError(.badRequest, code: "missing_organization_id_or_resource_type_slug",
                           message: "Provide organization_id or resource_type_slug.")
        }
        let externalID = query.string("resource_external_id")
        let parentID = query.string("parent_resource_id")
        let parentType = query.string("parent_resource_type_slug")
        let parentExternalID = query.string("parent_external_id")
        guard (parentType == nil) == (parentExternalID == nil) else {
            throw APIError.invalidParameter(parentType == nil ? "parent_resource_type_slug" : "parent_external_id",
                                            code: "required", "parent_resource_type_slug and parent_external_id go together.")
        }
        let page = try await context.env().read { db in
            var resources = ResourceRecord.all()
            if let organizationID { resources = resources.filter(Column("organization_id") == organizationID) }
            if let type { resources = resources.filter(Column("resource_type_slug") == type) }
            if let externalID { resources = resources.filter(Column("external_id") == externalID) }
            if let parentID { resources = resources.filter(Column("parent_resource_id") == parentID) }
            if let parentType, let parentExternalID {
                resources = resources.filter(sql: """
                    parent_resource_id IN (SELECT id FROM authorization_resources
                                           WHERE resource_type_slug = ? AND external_id = ?)
                    """, arguments: [parentType, parentExternalID])
            }
            return try resources.page(list, in: db)
        }
        return .json(page.wire)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let resource = try NewResource(try await JSONBody.read(request))
        let created = try await context.env().write { tx in try resource.create(in: tx).wire }
        return .json(created, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try ResourceRecord.find(id, in: db).wire })
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let changes = try ResourceRecord.Changes(try await JSONBody.read(request))
        return .json(try await context.env().write { tx in
            var resource = try ResourceRecord.find(id, in: tx.db)
            try resource.apply(changes, in: tx)
            return resource.wire
        })
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let cascade = try QueryParameters(request).bool("cascade_delete") ?? false
        try await context.env().write { tx in try ResourceRecord.find(id, in: tx.db).remove(cascade: cascade, in: tx) }
        return .noContent
    }
}
