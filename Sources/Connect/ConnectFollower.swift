import EmulatorCore
import GRDB

/// What goes with a deleted user or organization, in the transaction of the deletion: the user's
/// authorizations; the organization's applications (its M2M applications and the OAuth applications of
/// its third party, with their client secrets and authorizations by foreign key) and the authorizations
/// given in it.
public enum ConnectFollower {
    public static let observer: EventObserver = { tx, event in
        guard let id = event.data["id"]?.stringValue else { return }
        switch event.event {
        case "user.deleted":
            try AuthorizationRecord.filter(Column("user_id") == id).deleteAll(tx.db)
        case "organization.deleted":
            try AuthorizationRecord.filter(Column("organization_id") == id).deleteAll(tx.db)
            try ConnectApplicationRecord.filter(Column("organization_id") == id).deleteAll(tx.db)
        default:
            return
        }
    }
}
