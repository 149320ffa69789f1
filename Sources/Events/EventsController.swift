import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// `GET /events`: the environment's event log, as WorkOS's Events API serves it.
public struct EventsController: Sendable {
    /// WorkOS keeps events for the Events API for 30 days.
    static let retention: TimeInterval = 30 * 24 * 60 * 60

    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("events", use: list)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let types = query.list("events")
        // The spec's 422 for a missing filter: `errors: [{code: "required", field: "events"}]`.
        guard !types.isEmpty else { throw JSONBody.required("events") }
        let rangeStart = try Self.date(query, "range_start")
        let rangeEnd = try Self.date(query, "range_end")
        let organizationID = query.string("organization_id")
        let environment = try context.env()
        let oldest = environment.clock.now().addingTimeInterval(-Self.retention)
        let page = try await environment.read { db in
            var events = Event.filter(types.contains(Column("event")))
                .filter(Column("created_at") >= oldest.unixMilliseconds)
            if let rangeStart { events = events.filter(Column("created_at") >= rangeStart.unixMilliseconds) }
            if let rangeEnd { events = events.filter(Column("created_at") <= rangeEnd.unixMilliseconds) }
            if let organizationID { events = events.filter(Column("organization_id") == organizationID) }
            return try events.page(list, in: db)
        }
        return .json(page.wire(\.wire))
    }

    private static func date(_ query: QueryParameters, _ key: String) throws -> Date? {
        guard let text = query.string(key) else { return nil }
        guard let date = Timestamp.parse(text) else {
            throw APIError.invalidParameter(key, code: "invalid_date", "\(key) must be an ISO-8601 date, not '\(text)'.")
        }
        return date
    }
}
