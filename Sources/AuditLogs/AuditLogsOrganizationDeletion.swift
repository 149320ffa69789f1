import EmulatorCore
import GRDB

/// An organization's audit log data leaves with it. Organizations are another area's table, so there is
/// no foreign key to cascade: this observer sees `organization.deleted` in the deleting transaction.
public enum AuditLogsOrganizationDeletion {
    public static let observer: EventObserver = { tx, event in
        guard event.event == "organization.deleted", let organizationID = event.data["id"]?.stringValue else { return }
        let owned = Column("organization_id") == organizationID
        try AuditLogEventRecord.filter(owned).deleteAll(tx.db)
        try AuditLogExportRecord.filter(owned).deleteAll(tx.db)
        try AuditLogRetentionRecord.filter(owned).deleteAll(tx.db)
    }
}
