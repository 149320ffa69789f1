import EmulatorCore
import GRDB
import Hummingbird

/// `/connect/applications`: OAuth and M2M applications, by ID or client ID. WorkOS emits no events
/// for them, and neither does the emulator.
public struct ConnectApplicationsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("connect/applications")
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: get)
        group.put(":id", use: update)
        group.delete(":id", use: delete)
    }

    /// Filters `organization_id` and `registration_types` (`authenticated`, the default, and
    /// `dynamic`). Applications made through the API are all authenticated registrations: the
    /// emulator has no dynamic client registration, so asking for `dynamic` alone finds none.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let types = query.list("registration_types")
        if let unknown = types.first(where: { !["authenticated", "dynamic"].contains($0) }) {
            throw APIError.invalidParameter("registration_types", code: "invalid_value",
                                            "registration_types must be authenticated or dynamic, not '\(unknown)'.")
        }
        var request = ConnectApplicationRecord.all()
        if let organizationID = query.string("organization_id") {
            request = request.filter(Column("organization_id") == organizationID)
        }
        if !types.isEmpty, !types.contains("authenticated") { request = request.none() }
        return .json(try await context.env().read { [request] db in try request.page(list, in: db) }.wire)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let new = try NewConnectApplication(body: try await JSONBody.read(request))
        return .json(try await context.env().write { tx in try new.create(in: tx).wire }, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try ConnectApplicationRecord.find(id, in: db).wire })
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let changes = try ApplicationChanges(body: try await JSONBody.read(request))
        return .json(try await context.env().write { tx in
            let record = try ConnectApplicationRecord.find(id, in: tx.db)
            let changed = try changes.applied(to: record, at: tx.now)
            try changed.update(tx.db)
            return changed.wire
        })
    }

    /// Deletes the application with its client secrets.
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in _ = try ConnectApplicationRecord.find(id, in: tx.db).delete(tx.db) }
        return .noContent
    }
}
