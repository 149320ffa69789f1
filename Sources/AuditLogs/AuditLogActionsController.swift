import EmulatorCore
import GRDB
import Hummingbird

/// `/audit_logs/actions`: the actions that have schemas, and each action's schema versions.
public struct AuditLogActionsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("audit_logs/actions", use: list)
        api.get("audit_logs/actions/:name/schemas", use: schemas)
        api.post("audit_logs/actions/:name/schemas", use: createSchema)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in
            let page = try AuditLogActionRecord.all().page(query, in: db)
            let schemas = try AuditLogSchemaRecord.latest(of: page.data.map(\.name), in: db)
            return page.wire { action in schemas[action.name].map(action.wire(schema:)) ?? .null }
        })
    }

    /// An action nobody has written a schema for has no versions: an empty list, as for a new action.
    @Sendable func schemas(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let name = try context.parameter("name")
        let query = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in
            try AuditLogSchemaRecord.filter(Column("action_name") == name).page(query, in: db).wire(\.wire)
        })
    }

    @Sendable func createSchema(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let name = try context.parameter("name")
        let input = try AuditLogSchemaInput(try await JSONBody.read(request))
        let created = try await context.env().write { tx in
            try AuditLogActionRecord.touch(name, in: tx)
            let version = (try AuditLogSchemaRecord.latest(of: name, in: tx.db)?.version ?? 0) + 1
            let record = AuditLogSchemaRecord(id: tx.newID("audit_log_schema"), actionName: name, version: version,
                                              actor: input.actor, targets: input.targets, metadata: input.metadata,
                                              createdAt: tx.now)
            try record.insert(tx.db)
            return record.wire
        }
        return .json(created, status: .created)
    }
}
