import EmulatorCore
import Hummingbird

/// Answers a request with its environment's injected fault, if one matches and fires.
struct FaultMiddleware: RouterMiddleware {
    let faults: FaultBook

    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        guard let environment = context.environment,
              let fault = faults.fire(method: request.method, path: request.uri.path, in: environment.id)
        else { return try await next(request, context) }
        if fault.latencyMs > 0 { try await Task.sleep(for: .milliseconds(fault.latencyMs)) }
        var response: Response
        if let status = fault.status {
            response = .json(fault.responseBody, status: .init(code: status))
        } else {
            response = try await next(request, context)
        }
        response.headers[.emulatorFault] = fault.id
        return response
    }
}
