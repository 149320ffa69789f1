import EmulatorCore
import Hummingbird

/// `POST /user_management/authorize/device`: starts the CLI Auth flow for a client (no API key).
public struct DeviceAuthorizationController: Sendable {
    let environment: @Sendable (_ clientID: String) -> Environment?

    public init(environment: @escaping @Sendable (_ clientID: String) -> EmulatorCore.Environment?) {
        self.environment = environment
    }

    public func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.post("user_management/authorize/device", use: start)
    }

    @Sendable func start(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let clientID = try await JSONBody.read(request).requiredString("client_id")
        guard let environment = environment(clientID) else {
            throw APIError.oauth(error: "invalid_client", description: "Invalid client ID '\(clientID)'.")
        }
        let baseURL = request.emulatorBaseURL
        return .json(try await environment.write { tx in
            try DeviceAuthorizationRecord.issue(clientID: clientID, in: tx).wire(baseURL: baseURL)
        })
    }
}
