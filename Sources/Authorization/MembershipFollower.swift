import EmulatorCore
import GRDB

/// A membership's role assignments go when the membership does (deleted, or with its user or its
/// organization), inside the transaction that announces it.
public enum MembershipFollower {
    public static let observer: EventObserver = { tx, event in
        guard event.event == "organization_membership.deleted", let membershipID = event.data["id"]?.stringValue else { return }
        try RoleAssignmentRecord.filter(Column("organization_membership_id") == membershipID).deleteAll(tx.db)
    }
}
