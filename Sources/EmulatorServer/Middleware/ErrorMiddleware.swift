import EmulatorCore
import Hummingbird
import Logging

/// Turns every failure into JSON: WorkOS-shaped errors as they are, an unknown route into the
/// `not_emulated` 404 that names it, and anything unexpected into a JSON 500 that is also logged.
struct ErrorMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.response(for: error, request: request, context: context)
        }
    }

    static func response(for error: any Error, request: Request, context: EmulatorRequestContext) throws -> Response {
        switch error {
        case let error as APIError:
            return try error.response(from: request, context: context)
        case let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed:
            // The router found no route for this method and path.
            return try APIError(.notFound, code: "not_emulated",
                                message: "\(request.method) \(request.uri.path) is not emulated").response(from: request, context: context)
        case let error as HTTPError:
            return try APIError(error.status, message: error.body ?? error.status.reasonPhrase)
                .response(from: request, context: context)
        default:
            context.logger.error("\(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            return try APIError(.internalServerError, code: "internal_error",
                                message: "The emulator failed to handle this request: \(error)")
                .response(from: request, context: context)
        }
    }
}
