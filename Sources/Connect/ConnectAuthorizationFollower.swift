import EmulatorCore
import GRDB

/// Authorizations go with the user who gave them and the organization they were given in, in the
/// transaction of the deletion (with their application, they go by foreign key).
public enum ConnectAuthorizationFollower {
    public static let observer: EventObserver = { tx, event in
        guard let id = event.data["id"]?.stringValue else { return }
        switch event.event {
        case "user.deleted": try AuthorizationRecord.filter(Column("user_id") == id).deleteAll(tx.db)
        case "organization.deleted": try AuthorizationRecord.filter(Column("organization_id") == id).deleteAll(tx.db)
        default: return
        }
    }
}
