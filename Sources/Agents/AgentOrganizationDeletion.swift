import EmulatorCore
import GRDB

/// An organization's agent instances and registrations leave with it, the instances' sessions and
/// tokens too, in the transaction that emits `organization.deleted`.
public enum AgentOrganizationDeletion {
    public static let observer: EventObserver = { tx, event in
        guard event.event == "organization.deleted", let id = event.data["id"]?.stringValue else { return }
        try InstanceRecord.filter(Column("organization_id") == id).deleteAll(tx.db)
        try RegistrationRecord.filter(Column("organization_id") == id).deleteAll(tx.db)
    }
}
