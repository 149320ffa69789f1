import EmulatorCore
import Hummingbird

/// `POST /_emulator/feature_flags`: makes a flag, as WorkOS's dashboard does (the API cannot). The
/// body is `NewFlag`'s; the answer is the flag, 201. A control route: unknown fields are errors.
public struct FeatureFlagsControlController: Sendable {
    public init() {}

    public func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("feature_flags", use: create)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let new = try NewFlag(body: try await JSONBody.read(request))
        let environment = try context.env()
        let created = try await environment.write { tx in try FlagRecord.create(new, by: .dashboard(environment), in: tx).wire }
        return .json(created, status: .created)
    }
}
