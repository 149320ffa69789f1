import EmulatorCore
import Hummingbird

/// Answers a request with its environment's injected fault, if one matches and fires.
struct FaultMiddleware: RouterMiddleware {
    typealias Answer = @Sendable (_ status: HTTPResponse.Status, _ body: JSON?, _ message: String) -> Response

    let faults: FaultBook
    /// How an injected status is answered: the fault's body, else a WorkOS-shaped error (SCIM routes
    /// answer in SCIM's shape instead).
    var answer: Answer = { status, body, message in
        .json(body ?? ["code": "injected_fault", "message": .string(message)], status: status)
    }

    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        guard let environment = context.environment,
              let fault = faults.fire(method: request.method, path: request.uri.path, in: environment.id)
        else { return try await next(request, context) }
        if fault.latencyMs > 0 { try await Task.sleep(for: .milliseconds(fault.latencyMs)) }
        var response: Response
        if let status = fault.status {
            response = answer(.init(code: status), fault.body, fault.message)
        } else {
            response = try await next(request, context)
        }
        response.headers[.emulatorFault] = fault.id
        return response
    }
}
