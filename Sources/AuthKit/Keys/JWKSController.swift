import EmulatorCore
import Hummingbird

/// `GET /sso/jwks/{client_id}`: the public keys that verify the environment's access tokens. Public,
/// as in WorkOS: the environment is the client ID's, no API key is needed.
public struct JWKSController: Sendable {
    let environment: @Sendable (_ clientID: String) -> Environment?

    public init(environment: @escaping @Sendable (_ clientID: String) -> EmulatorCore.Environment?) {
        self.environment = environment
    }

    public func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.get("sso/jwks/:client_id", use: jwks)
    }

    @Sendable func jwks(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let clientID = try context.parameter("client_id")
        guard let environment = environment(clientID) else { throw APIError.notFound("Client", clientID) }
        var key = try await environment.read(SigningKeyRecord.published)
        if key == nil { key = try await environment.write { tx in try SigningKeyRecord.current(in: tx) } }
        return .json(["keys": [try key!.jwk()]])
    }
}
