import EmulatorCore
import GRDB

/// A deleted user's sessions and factors go with it. Users belong to another area, so no foreign key
/// cascades: this observer sees `user.deleted` inside the deleting transaction, so the sessions'
/// refresh tokens stop working in the same commit.
public enum UserDeletion {
    public static let observer: EventObserver = { tx, event in
        guard event.event == "user.deleted", let userID = event.data["id"]?.stringValue else { return }
        try SessionRecord.filter(Column("user_id") == userID).deleteAll(tx.db)
        try AuthFactorRecord.filter(Column("user_id") == userID).deleteAll(tx.db)
    }
}
