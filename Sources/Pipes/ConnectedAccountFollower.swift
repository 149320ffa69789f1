import EmulatorCore
import GRDB

/// Connected accounts follow what other areas keep, in the transaction of the change: a deleted user
/// or organization disconnects the accounts they own (`pipes.connected_account.disconnected`), and a
/// member who leaves an organization (membership deleted or deactivated) leaves the organization's
/// accounts they established needing reauthorization, as WorkOS's `establishing_member_membership_ended`.
public enum ConnectedAccountFollower {
    public static let observer: EventObserver = { tx, event in
        switch event.event {
        case "user.deleted":
            guard let id = event.data["id"]?.stringValue else { return }
            for account in try ConnectedAccountRecord.filter(Column("user_id") == id).fetchAll(tx.db) {
                try account.disconnect(in: tx)
            }
        case "organization.deleted":
            guard let id = event.data["id"]?.stringValue else { return }
            for account in try ConnectedAccountRecord.filter(Column("organization_id") == id).fetchAll(tx.db) {
                try account.disconnect(in: tx)
            }
        case "organization_membership.deleted", "organization_membership.updated":
            guard event.event == "organization_membership.deleted" || event.data["status"]?.stringValue != "active",
                  let userID = event.data["user_id"]?.stringValue,
                  let organizationID = event.data["organization_id"]?.stringValue else { return }
            let established = ConnectedAccountRecord.filter(
                Column("organization_id") == organizationID && Column("user_id") == nil
                    && Column("established_by_user_id") == userID)
            for account in try established.fetchAll(tx.db) { try account.establishingMemberLeft(in: tx) }
        default:
            return
        }
    }
}
