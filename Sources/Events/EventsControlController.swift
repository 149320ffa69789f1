import EmulatorCore
import Hummingbird

/// `POST /_emulator/events` `{"event", "data"?}`: emits any event type through the normal write path,
/// so the Events API lists it and subscribed webhook endpoints receive it.
public struct EventsControlController: Sendable {
    public init() {}

    public func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("events", use: emit)
    }

    @Sendable func emit(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["event", "data"])
        let type = try body.requiredString("event")
        guard Self.isEventName(type) else {
            throw APIError.invalidParameter("event", code: "invalid_value",
                                            "event must be dotted lowercase words, like organization.created; not '\(type)'.")
        }
        let given = try body.objectValue("data")
        let event = try await context.env().write { tx in
            try tx.emit(type, try given.map(JSON.object) ?? EventSynthesizer.data(for: type, in: tx.db))
        }
        return .json(event.wire, status: .created)
    }

    /// `organization.created`, `dsync.group.user_added`: two or more lowercase words joined by dots.
    static func isEventName(_ text: String) -> Bool {
        let words = text.split(separator: ".", omittingEmptySubsequences: false)
        return words.count >= 2 && words.allSatisfy { word in
            !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
        }
    }
}
