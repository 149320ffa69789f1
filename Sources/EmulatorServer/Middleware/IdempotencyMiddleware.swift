import EmulatorCore
import Foundation
import Hummingbird

/// `Idempotency-Key` on any POST: the first successful response to a key on a route is stored in the
/// environment and answered again, byte for byte, to every repeat (with `Idempotent-Replayed: true`).
/// Failed attempts are not stored: they changed nothing, so a retry runs afresh.
struct IdempotencyMiddleware: RouterMiddleware {
    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[.idempotencyKey], !key.isEmpty,
              let environment = context.environment
        else { return try await next(request, context) }
        let route = "POST \(request.uri.path)"
        if let record = try await environment.read({ db in try IdempotencyRecord.find(key: key, route: route, in: db) }) {
            var response = Response(status: .init(code: record.status),
                                    headers: [.contentType: "application/json"],
                                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: record.body)))
            response.headers[.idempotentReplayed] = "true"
            return response
        }
        var response = try await next(request, context)
        guard (200..<300).contains(response.status.code) else { return response }
        let body = try await response.collectBody()
        let record = IdempotencyRecord(key: key, route: route, status: response.status.code,
                                       body: Data(body.readableBytesView), createdAt: environment.clock.now())
        try await environment.database.write { db in try record.save(db) }
        return response
    }
}
