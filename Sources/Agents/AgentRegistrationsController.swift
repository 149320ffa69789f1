import EmulatorCore
import Hummingbird

/// `/agents/registrations/{id}`: reading an agent registration and revoking it.
public struct AgentRegistrationsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("agents/registrations")
        group.get(":id", use: get)
        group.post(":id/revoke", use: revoke)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try RegistrationRecord.find(id, in: db).wire })
    }

    @Sendable func revoke(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().write { tx in try RegistrationRecord.find(id, in: tx.db).revoke(in: tx).wire })
    }
}
