import EmulatorCore
import Hummingbird

/// `POST /_emulator/waitlists`: makes a waitlist, as WorkOS's dashboard does (the API cannot). The body
/// may say `{"default": true}` to make the environment's default waitlist (which a path names as
/// `default`) before any entry does; the answer is the waitlist, 201. A control route: unknown fields
/// are errors.
public struct WaitlistsControlController: Sendable {
    public init() {}

    public func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("waitlists", use: create)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["default"])
        let isDefault = try body.bool("default") ?? false
        let created = try await context.env().write { tx in try WaitlistRecord.create(isDefault: isDefault, in: tx).wire }
        return .json(created, status: .created)
    }
}
