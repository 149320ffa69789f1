import EmulatorCore
import Hummingbird

/// `/_emulator/health`, `/_emulator/environments` and `/_emulator/reset`. Resetting or deleting an
/// environment also drops the faults and journal tests scripted into it.
struct EnvironmentsController: Sendable {
    let registry: EnvironmentRegistry
    let snapshots: SnapshotStore
    let scenarios: ScenarioLoader
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
        try body.rejectUnknownFields(allowed: ["name", "api_key", "client_id", "snapshot", "scenario"])
        let seed = try body.string("snapshot").map { try snapshots.snapshot(named: $0).database }
        // A scenario is inline JSON, or YAML (or JSON) text.
        let scenario = try body.object["scenario"].flatMap { value -> ScenarioLoader.Validated? in
            switch value {
            case .null: nil
            case .string(let text): try scenarios.validateForAPI(text: text)
            default: try scenarios.validateForAPI(value)
            }
        }
        if seed != nil && scenario != nil {
            throw APIError.invalidParameter("scenario", code: "invalid_value", "Give a snapshot or a scenario, not both.")
        }
        let environment = try registry.create(name: try body.string("name"), apiKey: try body.string("api_key"),
                                              clientID: try body.string("client_id"), seed: seed)
        var answer = environment.wire
        if let scenario {
            do {
                answer.set("created", try await scenarios.apply(scenario, to: environment))
            } catch {
                try registry.delete(id: environment.id)
                throw error
            }
        }
        return .json(answer, status: .created)
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
