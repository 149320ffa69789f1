import EmulatorCore
import Hummingbird

/// Records every API request of an environment, with its final status: errors are turned into their
/// responses here so the journal sees what the client saw.
struct JournalMiddleware: RouterMiddleware {
    let journal: RequestJournal

    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        guard let environment = context.environment else { return try await next(request, context) }
        let started = ContinuousClock.now
        var request = request
        let requestBytes = try await request.bufferBody(upTo: JSONBody.maximumSize)
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = try ErrorMiddleware.response(for: error, request: request, context: context)
        }
        let responseBytes = try await response.collectBody()
        let elapsed = started.duration(to: .now)
        journal.record(JournalEntry(
            requestID: context.requestID, method: request.method.rawValue, path: request.uri.path,
            query: request.uri.query, status: response.status.code,
            latencyMs: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            requestBody: Array(requestBytes.readableBytesView.prefix(JournalEntry.bodyLimit)),
            responseBody: Array(responseBytes.readableBytesView.prefix(JournalEntry.bodyLimit)),
            fault: response.headers[.emulatorFault], at: environment.clock.now()), in: environment.id)
        return response
    }
}
