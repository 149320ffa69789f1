import EmulatorCore

/// Memberships leave with their organization. The organization's table belongs to another area, so
/// there is no foreign key to cascade: this observer sees `organization.deleted` inside the deleting
/// transaction and deletes (and announces) each membership there, so both commit or neither does.
public enum OrganizationDeletion {
    public static let observer: EventObserver = { tx, event in
        guard event.event == "organization.deleted", let organizationID = event.data["id"]?.stringValue else { return }
        for membership in try MembershipRecord.all(ofOrganization: organizationID, in: tx.db) {
            try membership.remove(in: tx)
        }
    }
}
