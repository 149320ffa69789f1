import EmulatorCore
import GRDB

/// Flags follow the organizations and users they target, which other areas keep: a deleted one stops
/// being a target, in its own transaction, silently (WorkOS announces no rule change for it).
public enum FlagTargetFollower {
    public static let observer: EventObserver = { tx, event in
        guard event.event == "organization.deleted" || event.event == "user.deleted",
              let id = event.data["id"]?.stringValue else { return }
        try FlagTargetRecord.filter(Column("resource_id") == id).deleteAll(tx.db)
    }
}
