import EmulatorCore
import Foundation
import GRDB

/// A row of `audit_log_exports`. WorkOS builds an export in the background; the emulator builds it at
/// once (`ready` on creation), keeping the CSV so later events do not change what it downloads.
struct AuditLogExportRecord: EmulatorRecord {
    static let databaseTableName = "audit_log_exports"

    var id: String
    var organizationId: String
    var state: String
    /// A client-bound token (`ClientBoundToken`): the download URL carries it in place of an API key.
    var downloadToken: String
    var csv: String
    var createdAt: Date
    var updatedAt: Date

    init(_ filter: AuditLogFilter, clientID: String, in tx: Transaction) throws {
        id = tx.newID("audit_log_export")
        organizationId = filter.organizationID
        state = "ready"
        downloadToken = ClientBoundToken.make(clientID: clientID)
        csv = AuditLogCSV.render(try filter.events(in: tx.db))
        createdAt = tx.now
        updatedAt = tx.now
    }

    func downloadURL(base: String) -> String {
        "\(base)/audit_logs/exports/\(id)/download?token=\(downloadToken)"
    }

    func wire(base: String) -> JSON {
        [
            "object": "audit_log_export",
            "id": .string(id),
            "state": .string(state),
            "url": .string(downloadURL(base: base)),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> AuditLogExportRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Audit Log Export", id) }
        return record
    }
}
