import EmulatorCore
import Hummingbird

/// `/_emulator/snapshots`: save the key's environment under a name, list, restore, delete.
struct SnapshotsController: Sendable {
    let registry: EnvironmentRegistry
    let snapshots: SnapshotStore

    func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("snapshots", use: save)
        control.get("snapshots", use: list)
        control.post("snapshots/:name/restore", use: restore)
        control.delete("snapshots/:name", use: delete)
    }

    @Sendable func save(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["name"])
        let snapshot = try snapshots.save(try context.env(), as: try body.requiredString("name"))
        return .json(snapshot.wire, status: .created)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        .json(["object": "list", "data": .array(snapshots.all.map(\.wire))])
    }

    /// Puts the snapshot's contents (and clock) into the key's environment; its keys stay.
    @Sendable func restore(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await JSONBody.read(request).rejectUnknownFields(allowed: [])
        let snapshot = try snapshots.snapshot(named: try context.parameter("name"))
        let environment = try context.env()
        try registry.replaceContents(of: environment, with: snapshot.database)
        return .json(environment.wire)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try snapshots.delete(try context.parameter("name"))
        return .noContent
    }
}
