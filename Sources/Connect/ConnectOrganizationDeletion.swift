import EmulatorCore
import GRDB

/// Applications of an organization (its M2M applications and the OAuth applications of its third
/// party) leave with it, with their client secrets, in the transaction that emits `organization.deleted`.
public enum ConnectOrganizationDeletion {
    public static let observer: EventObserver = { tx, event in
        guard event.event == "organization.deleted", let id = event.data["id"]?.stringValue else { return }
        try ConnectApplicationRecord.filter(Column("organization_id") == id).deleteAll(tx.db)
    }
}
