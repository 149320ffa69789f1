import EmulatorCore
import Foundation
import GRDB

/// Which of an organization's events an export (or the Admin Portal's log view) takes: a time range,
/// and optionally only some actions, actors (by name or ID) and target types. Empty lists filter nothing.
public struct AuditLogFilter: Sendable {
    public var organizationID: String
    public var rangeStart: Date
    public var rangeEnd: Date
    public var actions: [String] = []
    public var actorNames: [String] = []
    public var actorIDs: [String] = []
    public var targetTypes: [String] = []

    public init(organizationID: String, rangeStart: Date, rangeEnd: Date) {
        self.organizationID = organizationID
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The body of `POST /audit_logs/exports`. `actors` is the deprecated name of `actor_names`.
    init(_ body: JSONBody) throws {
        let organizationID = try body.requiredString("organization_id")
        func date(_ key: String) throws -> Date {
            guard let date = Timestamp.parse(try body.requiredString(key)) else {
                throw APIError.invalidParameter(key, code: "invalid_date", "\(key) must be an ISO-8601 date-time.")
            }
            return date
        }
        let (start, end) = (try date("range_start"), try date("range_end"))
        guard start < end else {
            throw APIError(.badRequest, message: "range_start must be before range_end.")
        }
        self.init(organizationID: organizationID, rangeStart: start, rangeEnd: end)
        actions = try body.stringArray("actions") ?? []
        actorNames = (try body.stringArray("actor_names") ?? []) + (try body.stringArray("actors") ?? [])
        actorIDs = try body.stringArray("actor_ids") ?? []
        targetTypes = try body.stringArray("targets") ?? []
    }

    /// The matching events, oldest first, found through the `(organization_id, …, occurred_at)` indexes.
    func events(in db: Database) throws -> [AuditLogEventRecord] {
        var request = AuditLogEventRecord
            .filter(Column("organization_id") == organizationID)
            .filter(Column("occurred_at") >= rangeStart.unixMilliseconds && Column("occurred_at") <= rangeEnd.unixMilliseconds)
        if !actions.isEmpty { request = request.filter(actions.contains(Column("action"))) }
        if !actorNames.isEmpty { request = request.filter(actorNames.contains(Column("actor_name"))) }
        if !actorIDs.isEmpty { request = request.filter(actorIDs.contains(Column("actor_id"))) }
        if !targetTypes.isEmpty {
            // Targets are a JSON array on the event; the other filters have already narrowed the rows by index.
            let marks = Array(repeating: "?", count: targetTypes.count).joined(separator: ", ")
            request = request.filter(SQL(sql: """
                EXISTS (SELECT 1 FROM json_each(audit_log_events.targets) WHERE json_extract(value, '$.type') IN (\(marks)))
                """, arguments: StatementArguments(targetTypes)))
        }
        return try request.order(Column("occurred_at"), Column("id")).fetchAll(db)
    }
}
