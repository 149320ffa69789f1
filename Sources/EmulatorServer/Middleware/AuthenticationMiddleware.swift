import Foundation
import EmulatorCore
import Hummingbird

/// Resolves the environment from `Authorization: Bearer <api key>`. The API requires a known key;
/// the control API falls back to the default environment when no key is sent.
struct AuthenticationMiddleware: RouterMiddleware {
    let registry: EnvironmentRegistry
    let keyRequired: Bool

    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let key = Self.bearer(request) {
            guard let environment = registry.environment(apiKey: key) else { throw APIError.unauthorized }
            context.environment = environment
            context.environmentFromAPIKey = true
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
