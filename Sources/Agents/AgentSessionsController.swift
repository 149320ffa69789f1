import EmulatorCore
import GRDB
import Hummingbird

/// `/agents/sessions`: instances' sessions (filters `organization_id`, `agent_blueprint_id`,
/// `agent_instance_id`), their status read at the environment's clock, and revoking one.
public struct AgentSessionsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("agents/sessions")
        group.get(use: list)
        group.get(":agent_instance_session_id", use: get)
        group.post(":agent_instance_session_id/revoke", use: revoke)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        var sessions = SessionRecord.all()
        for column in ["organization_id", "agent_blueprint_id", "agent_instance_id"] {
            if let value = query.string(column) { sessions = sessions.filter(Column(column) == value) }
        }
        let environment = try context.env()
        let now = environment.clock.now()
        return .json(try await environment.read { [sessions] db in try sessions.page(list, in: db) }.wire { $0.wire(at: now) })
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("agent_instance_session_id")
        let environment = try context.env()
        let now = environment.clock.now()
        return .json(try await environment.read { db in try SessionRecord.find(id, in: db).wire(at: now) })
    }

    /// Revokes the session and the sessions chained from it; revoking a revoked one changes nothing.
    @Sendable func revoke(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("agent_instance_session_id")
        return .json(try await context.env().write { tx in
            try SessionRecord.find(id, in: tx.db).revoke(in: tx).wire(at: tx.now)
        })
    }
}
