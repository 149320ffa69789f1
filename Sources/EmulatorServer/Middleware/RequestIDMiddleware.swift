import EmulatorCore
import Foundation
import Hummingbird

/// Gives every request an ID and every response an `X-Request-ID` header (the SDKs put it on errors).
struct RequestIDMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = UUID().uuidString.lowercased()
        var response = try await next(request, context)
        response.headers[.requestID] = context.requestID
        return response
    }
}
