import EmulatorCore
import Foundation
import Hummingbird

/// `/_emulator/outbox`: the emails and SMS the environment "sent", and a long-poll for the next one.
struct OutboxController: Sendable {
    static let defaultTimeoutMilliseconds = 10_000
    static let maxTimeoutMilliseconds = 120_000

    func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.get("outbox", use: list)
        control.get("outbox/next", use: next)
    }

    /// Every message, newest first by default, paginated like the API's lists.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        try query.rejectUnknown(allowed: ["email", "kind", "since", "limit", "before", "after", "order"])
        let list = try ListQuery(query)
        let filter = try Self.filter(query)
        let page = try await context.env().read { db in try filter.request.page(list, in: db) }
        let baseURL = request.emulatorBaseURL
        return .json(page.wire { $0.wire(baseURL: baseURL) })
    }

    /// The oldest message for the address (and kind) not handed out yet; waits up to `timeout_ms` for
    /// one to be sent, then answers 408. Each message is handed out once, so a test that triggers two
    /// emails reads them with two calls, in the order they were sent.
    @Sendable func next(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        try query.rejectUnknown(allowed: ["email", "kind", "timeout_ms"])
        let filter = try Self.filter(query)
        let timeout = try query.int("timeout_ms") ?? Self.defaultTimeoutMilliseconds
        guard (0...Self.maxTimeoutMilliseconds).contains(timeout) else {
            throw APIError.invalidParameter("timeout_ms", code: "invalid_value",
                                            "timeout_ms must be between 0 and \(Self.maxTimeoutMilliseconds).")
        }
        guard let message = try await context.env().nextOutboxMessage(filter, timeout: .milliseconds(timeout)) else {
            let awaited = [filter.recipient.map { "for \($0)" }, filter.kind.map { "of kind \($0)" }].compactMap { $0 }
            throw APIError(.requestTimeout, code: "outbox_timeout",
                           message: (["No message"] + awaited).joined(separator: " ") + " arrived within \(timeout) ms.")
        }
        return .json(message.wire(baseURL: request.emulatorBaseURL))
    }

    private static func filter(_ query: QueryParameters) throws -> OutboxMessage.Filter {
        var since: Date?
        if let text = query.string("since") {
            guard let date = Timestamp.parse(text) else {
                throw APIError.invalidParameter("since", code: "invalid_value", "since must be an ISO-8601 timestamp.")
            }
            since = date
        }
        return OutboxMessage.Filter(recipient: query.string("email"), kind: query.string("kind"), since: since)
    }
}
