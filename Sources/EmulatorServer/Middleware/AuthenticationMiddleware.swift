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

    /// The credential of `Bearer <credential>` (the scheme in any case), read without Foundation:
    /// it runs on every API request.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let utf8 = header.utf8
        let scheme = "bearer ".utf8
        guard utf8.count > scheme.count,
              zip(utf8, scheme).allSatisfy({ byte, expected in byte | 0x20 == expected })
        else { return nil }
        let credential = header.utf8.dropFirst(scheme.count).drop(while: { $0 == UInt8(ascii: " ") })
        let trimmed = credential.reversed().drop(while: { $0 == UInt8(ascii: " ") }).count
        guard trimmed > 0 else { return nil }
        return String(Substring(credential.prefix(trimmed)))
    }
}
