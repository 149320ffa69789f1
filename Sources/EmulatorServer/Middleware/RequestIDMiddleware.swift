import EmulatorCore
import Hummingbird

/// Gives every request an ID and every response an `X-Request-ID` header (the SDKs put it on errors).
/// The ID is the HTTP server's own (a random prefix and a counter): a UUID read /dev/urandom through
/// three system calls on every request.
struct RequestIDMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = context.id
        var response = try await next(request, context)
        response.headers[.requestID] = context.requestID
        return response
    }
}
