import EmulatorCore
import Hummingbird

/// `POST /_emulator/connections/{id}/activate` and `…/deactivate`: the switch WorkOS keeps in its
/// dashboard (the API has none), so a test can take a connection down and bring it back, with the
/// `connection.deactivated` and `connection.activated` events that follow.
struct ConnectionSwitchController: Sendable {
    func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("connections/:id/activate") { request, context in
            try await switchConnection(context, ConnectionLifecycle.activate)
        }
        control.post("connections/:id/deactivate") { request, context in
            try await switchConnection(context, ConnectionLifecycle.deactivate)
        }
    }

    private func switchConnection(_ context: EmulatorRequestContext,
                                  _ move: @escaping @Sendable (inout ConnectionRecord, Transaction) throws -> Void) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().write { tx in
            var record = try ConnectionRecord.find(id, in: tx.db)
            try move(&record, tx)
            return try record.wire(in: tx.db)
        })
    }
}
