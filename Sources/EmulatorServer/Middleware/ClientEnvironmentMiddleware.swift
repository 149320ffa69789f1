import EmulatorCore
import Hummingbird

/// For the public routes a browser or a public (PKCE) client calls without an API key: the environment
/// is the bearer key's when one is sent (and it must be valid), else the `client_id` query parameter's,
/// else left for the route to find (from the body, the path or the object it names).
struct ClientEnvironmentMiddleware: RouterMiddleware {
    let registry: EnvironmentRegistry

    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let key = AuthenticationMiddleware.bearer(request) {
            guard let environment = registry.environment(apiKey: key) else { throw APIError.unauthorized }
            context.environment = environment
        } else if let clientID = QueryParameters(request).string("client_id") {
            context.environment = registry.environment(clientID: clientID)
        }
        return try await next(request, context)
    }
}
