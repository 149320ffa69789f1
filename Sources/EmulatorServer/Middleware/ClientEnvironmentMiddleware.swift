import EmulatorCore
import Hummingbird

/// Resolves the environment of routes that browsers and OAuth clients call without an API key
/// (`/user_management/authorize`, the hosted pages, `/sso/authorize`, the test identity provider's
/// page, `/sso/token`, `/sso/profile`, `/sso/logout`, the JWKS), from what they carry instead:
/// - a bearer: a known API key, else a token bound to a known client (`ClientBoundToken`, such as an
///   SSO access token); any other bearer is a 401;
/// - else a `client_id` in the path, the query or the body, or a client-bound `token` in the path (a
///   Magic Link's) or the query.
/// An unknown client leaves the environment unset: each route answers that in its own shape (an HTML
/// page for a browser, OAuth's `invalid_client`, a 401), or finds the environment from the object
/// it names.
struct ClientEnvironmentMiddleware: RouterMiddleware {
    let registry: EnvironmentRegistry
    static let bodyLimit = 1 << 20

    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        if let bearer = AuthenticationMiddleware.bearer(request) {
            // Looked up, never judged by its shape: a known API key, else a token bound to a known
            // client; anything else is nothing this emulator issued.
            if let environment = registry.environment(apiKey: bearer) {
                context.environment = environment
                context.environmentFromAPIKey = true
            } else if let clientID = ClientBoundToken.clientID(of: bearer),
                      let environment = registry.environment(clientID: clientID) {
                context.environment = environment
            } else {
                throw APIError.unauthorized
            }
        } else if let clientID = try await Self.clientID(of: &request, context: context) {
            context.environment = registry.environment(clientID: clientID)
        }
        return try await next(request, context)
    }

    private static func clientID(of request: inout Request, context: EmulatorRequestContext) async throws -> String? {
        if let clientID = context.parameters.get("client_id") { return clientID }
        if let token = context.parameters.get("token"), let clientID = ClientBoundToken.clientID(of: token) {
            return clientID
        }
        let query = FormFields(query: request)
        if let clientID = query["client_id"] { return clientID }
        if let token = query["token"], let clientID = ClientBoundToken.clientID(of: token) {
            return clientID
        }
        guard request.method == .post else { return nil }
        let bytes = try await request.bufferBody(upTo: bodyLimit)
        let text = String(buffer: bytes)
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            return FormFields(text)["client_id"]
        }
        return (try? JSON.parse(text))?["client_id"]?.stringValue
    }
}
