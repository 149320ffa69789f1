import EmulatorCore
import Foundation
import GRDB

/// What other areas may do with audit logs (the Admin Portal's `audit_logs` intent): read an
/// organization's recent events and export them, as `POST /audit_logs/exports` does.
public enum AuditLogsAPI {
    public struct Event: Sendable, Equatable {
        public let occurredAt: Date
        public let action: String
        public let actorName: String
        public let targets: String
        public let location: String
    }

    /// The organization's newest events, newest first.
    public static func recentEvents(of organizationID: String, limit: Int, in db: Database) throws -> [Event] {
        try AuditLogEventRecord.filter(Column("organization_id") == organizationID)
            .order(Column("occurred_at").desc, Column("id").desc).limit(limit).fetchAll(db)
            .map { event in
                let targets = event.targets.arrayValue?.compactMap { target in
                    target["name"]?.stringValue ?? target["id"]?.stringValue
                } ?? []
                return Event(occurredAt: event.occurredAt, action: event.action, actorName: event.actorName ?? event.actorId,
                             targets: targets.joined(separator: ", "), location: event.location)
            }
    }

    /// Exports the filtered events; answers the CSV's download URL under `base`.
    public static func export(_ filter: AuditLogFilter, clientID: String, base: String, in tx: Transaction) throws -> String {
        let record = try AuditLogExportRecord(filter, clientID: clientID, in: tx)
        try record.insert(tx.db)
        return record.downloadURL(base: base)
    }
}
