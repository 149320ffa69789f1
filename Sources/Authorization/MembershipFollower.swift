import EmulatorCore
import GRDB

/// A membership's role assignments and its places in groups go when the membership does (deleted, or
/// with its user or its organization), inside the transaction that announces it, each group it leaves
/// with its `group.member_removed`.
public enum MembershipFollower {
    public static let observer: EventObserver = { tx, event in
        guard event.event == "organization_membership.deleted", let membershipID = event.data["id"]?.stringValue else { return }
        try RoleAssignmentRecord.filter(Column("organization_membership_id") == membershipID).deleteAll(tx.db)
        for place in try GroupMemberRecord.filter(Column("organization_membership_id") == membershipID).fetchAll(tx.db) {
            try place.delete(tx.db)
            try tx.emit("group.member_removed", place.eventData, organizationID: event.data["organization_id"]?.stringValue)
        }
    }
}
