import EmulatorCore
import Hummingbird

/// `/_emulator/health`, `/_emulator/environments` and `/_emulator/reset`. Resetting or deleting an
/// environment also drops the faults and journal tests scripted into it.
struct EnvironmentsController: Sendable {
    let registry: EnvironmentRegistry
    let snapshots: SnapshotStore
    /// Drops what tests scripted into an environment (faults, journal) when it is reset or deleted.
    let forgetScripting: @Sendable (String) -> Void
    let startedAt: ContinuousClock.Instant

    func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.get("health", use: health)
        control.post("environments", use: create)
        control.get("environments", use: list)
        control.get("environments/:id", use: get)
        control.delete("environments/:id", use: delete)
        control.post("reset", use: reset)
    }

    @Sendable func health(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let uptime = startedAt.duration(to: .now)
        return .json([
            "status": "ok",
            "version": .string(EmulatorVersion.current),
            "environments": .int(registry.all.count),
            "uptime_ms": .int(Int(uptime.components.seconds * 1000 + uptime.components.attoseconds / 1_000_000_000_000_000)),
        ])
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["name", "api_key", "client_id", "snapshot"])
        let seed = try body.string("snapshot").map { try snapshots.snapshot(named: $0).database }
        let environment = try registry.create(name: try body.string("name"), apiKey: try body.string("api_key"),
                                              clientID: try body.string("client_id"), seed: seed)
        return .json(environment.wire, status: .created)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        .json(["object": "list", "data": .array(registry.all.map(\.wire))])
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        guard let environment = registry.environment(id: id) else { throw APIError.notFound("Environment", id) }
        return .json(environment.wire)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try registry.delete(id: id)
        forgetScripting(id)
        return .noContent
    }

    /// Empties the environment the request's key names (the default one without a key).
    @Sendable func reset(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await JSONBody.read(request).rejectUnknownFields(allowed: [])
        let environment = try context.env()
        try registry.reset(environment)
        forgetScripting(environment.id)
        return .json(environment.wire)
    }
}
