import Foundation
import EmulatorCore
import Hummingbird

/// Resolves the environment from `Authorization: Bearer <api key>`. The API requires a known key, or
/// where `widgets` is given, a widget token for the operations it permits; the control API falls back
/// to the default environment when no key is sent.
struct AuthenticationMiddleware: RouterMiddleware {
    let registry: EnvironmentRegistry
    let keyRequired: Bool
    var widgets: WidgetAccess?

    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        if let key = Self.bearer(request) {
            if let environment = registry.environment(apiKey: key) {
                context.environment = environment
                context.environmentFromAPIKey = true
            } else if let session = try await widgets?.session(for: key, request: &request) {
                context.environment = session.environment
            } else {
                throw APIError.unauthorized
            }
        } else if keyRequired {
            throw APIError.unauthorized
        } else {
            context.environment = registry.defaultEnvironment
        }
        return try await next(request, context)
    }

    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let key = parts[1].trimmingCharacters(in: .whitespaces)
        return key.isEmpty ? nil : key
    }
}
