import EmulatorCore
import Hummingbird

/// A Connect application's client secrets: `GET/POST /connect/applications/{id}/client_secrets` (the
/// list is a bare JSON array, as WorkOS answers it; a new secret's value is in the creation's answer
/// only) and `DELETE /connect/client_secrets/{id}`.
public struct ClientSecretsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("connect/applications/:id/client_secrets", use: list)
        api.post("connect/applications/:id/client_secrets", use: create)
        api.delete("connect/client_secrets/:id", use: delete)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in
            .array(try ClientSecretRecord.all(of: try ConnectApplicationRecord.find(id, in: db), in: db).map(\.wire))
        })
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        // The body is an empty object; a malformed one is still the usual 400.
        _ = try await JSONBody.read(request)
        return .json(try await context.env().write { tx in
            try ClientSecretRecord.issue(for: try ConnectApplicationRecord.find(id, in: tx.db), in: tx)
        }, status: .created)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in _ = try ClientSecretRecord.find(id, in: tx.db).delete(tx.db) }
        return .noContent
    }
}
