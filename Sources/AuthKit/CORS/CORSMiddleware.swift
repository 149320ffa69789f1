import EmulatorCore
import GRDB
import HTTPTypes
import Hummingbird

/// CORS for the routes a web page calls (`authenticate` with PKCE, the JWKS, device authorization):
/// an allowed `Origin` is echoed in `Access-Control-Allow-Origin`, and a preflight (`OPTIONS`) is
/// answered here. Allowed: loopback origins, and origins registered in any environment (a preflight
/// carries no body, so it cannot name its environment).
public struct CORSMiddleware: RouterMiddleware {
    public typealias Context = EmulatorRequestContext
    let environments: @Sendable () -> [Environment]

    public init(environments: @escaping @Sendable () -> [EmulatorCore.Environment]) {
        self.environments = environments
    }

    public func handle(_ request: Request, context: EmulatorRequestContext,
                       next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], let normalized = CORSOriginRecord.normalize(origin),
              try await allows(normalized) else { return try await next(request, context) }
        var response: Response
        if request.method == .options {
            response = Response(status: .noContent)
            response.headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            response.headers[.accessControlAllowHeaders] = request.headers[.accessControlRequestHeaders]
                ?? "Content-Type, Authorization"
            response.headers[.accessControlMaxAge] = "600"
        } else {
            // Errors too must carry the header, or the page cannot read them.
            do { response = try await next(request, context) } catch let error as APIError {
                response = try error.response(from: request, context: context)
            }
        }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.vary] = "Origin"
        return response
    }

    private func allows(_ origin: String) async throws -> Bool {
        if RedirectURIRecord.isLoopback(origin) { return true }
        for environment in environments() {
            let known = try await environment.read { db in
                try CORSOriginRecord.filter(Column("origin") == origin).fetchCount(db) > 0
            }
            if known { return true }
        }
        return false
    }
}

/// The preflights the router must know of, so `OPTIONS` reaches the middleware.
public enum CORSPreflight {
    static let paths = ["user_management/authenticate", "sso/jwks/:client_id", "user_management/authorize/device"]

    public static func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        for path in paths {
            browser.on(RouterPath(path), method: .options) { _, _ in
                // Reached only without an allowed Origin: the middleware answers allowed preflights.
                Response(status: .forbidden)
            }
        }
    }
}
