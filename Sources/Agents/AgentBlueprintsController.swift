import EmulatorCore
import Hummingbird

/// `/agents/blueprints`: blueprints, and the tokens minted and validated under them. WorkOS's
/// published spec names no events for blueprints, instances or sessions, so none are emitted.
public struct AgentBlueprintsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("agents/blueprints")
        group.get(use: list)
        group.post(use: create)
        group.get(":agent_blueprint_id", use: get)
        group.patch(":agent_blueprint_id", use: update)
        group.delete(":agent_blueprint_id", use: delete)
        group.post(":agent_blueprint_id/tokens", use: mint)
        group.post(":agent_blueprint_id/tokens/validate", use: validate)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let list = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in try BlueprintRecord.all().page(list, in: db) }.wire(\.wire))
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let fields = try BlueprintFields(body: try await JSONBody.read(request), creating: true)
        return .json(try await context.env().write { tx in try fields.created(in: tx).wire }, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("agent_blueprint_id")
        return .json(try await context.env().read { db in try BlueprintRecord.find(id, in: db).wire })
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("agent_blueprint_id")
        let fields = try BlueprintFields(body: try await JSONBody.read(request), creating: false)
        return .json(try await context.env().write { tx in
            try fields.applied(to: try BlueprintRecord.find(id, in: tx.db), in: tx).wire
        })
    }

    /// Deletes the blueprint with its instances and their sessions: their tokens stop validating.
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("agent_blueprint_id")
        try await context.env().write { tx in _ = try BlueprintRecord.find(id, in: tx.db).delete(tx.db) }
        return .noContent
    }

    @Sendable func mint(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("agent_blueprint_id")
        let mint = try TokenMint(body: try await JSONBody.read(request))
        return .json(try await context.env().write { tx in try mint.mint(from: try BlueprintRecord.find(id, in: tx.db), in: tx) })
    }

    @Sendable func validate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("agent_blueprint_id")
        let token = try await JSONBody.read(request).requiredString("agent_access_token")
        let environment = try context.env()
        let now = environment.clock.now()
        return .json(try await environment.read { db in
            try TokenValidation.check(token, blueprint: try BlueprintRecord.find(id, in: db), in: db, at: now)
        })
    }
}
