import EmulatorCore
import GRDB
import Hummingbird

/// `/agents/instances`: the instances minted from blueprints (filters `organization_id`,
/// `agent_blueprint_id`). Deleting one deletes its sessions, whose tokens stop validating.
public struct AgentInstancesController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("agents/instances")
        group.get(use: list)
        group.get(":agent_instance_id", use: get)
        group.delete(":agent_instance_id", use: delete)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        var instances = InstanceRecord.all()
        for column in ["organization_id", "agent_blueprint_id"] {
            if let value = query.string(column) { instances = instances.filter(Column(column) == value) }
        }
        return .json(try await context.env().read { [instances] db in try instances.page(list, in: db) }.wire(\.wire))
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("agent_instance_id")
        return .json(try await context.env().read { db in try InstanceRecord.find(id, in: db).wire })
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("agent_instance_id")
        try await context.env().write { tx in _ = try InstanceRecord.find(id, in: tx.db).delete(tx.db) }
        return .noContent
    }
}
