import EmulatorCore
import GRDB

/// An organization's portal links and IT contacts leave with it: organizations are another area's
/// table, so this observer deletes them in the transaction that emits `organization.deleted`.
public enum PortalOrganizationDeletion {
    public static let observer: EventObserver = { tx, event in
        guard event.event == "organization.deleted", let organizationID = event.data["id"]?.stringValue else { return }
        try PortalLinkRecord.filter(Column("organization_id") == organizationID).deleteAll(tx.db)
        try ITContactRecord.filter(Column("organization_id") == organizationID).deleteAll(tx.db)
    }
}
