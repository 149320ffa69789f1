import EmulatorCore
import GRDB

/// API keys follow what other areas keep, in the transaction of the change: a deleted organization
/// takes its keys and its users' keys in it, and a deleted user theirs, each with `api_key.revoked`;
/// a deleted permission leaves every key that held it, silently, as it leaves roles.
public enum APIKeyFollower {
    public static let observer: EventObserver = { tx, event in
        switch event.event {
        case "organization.deleted":
            guard let id = event.data["id"]?.stringValue else { return }
            for key in try APIKeyRecord.filter(Column("organization_id") == id).fetchAll(tx.db) { try key.revoke(in: tx) }
        case "user.deleted":
            guard let id = event.data["id"]?.stringValue else { return }
            for key in try APIKeyRecord.owned(by: id).fetchAll(tx.db) { try key.revoke(in: tx) }
        case "permission.deleted":
            guard let slug = event.data["slug"]?.stringValue else { return }
            try tx.db.execute(sql: """
                UPDATE api_keys
                SET permissions = (SELECT json_group_array(value) FROM json_each(api_keys.permissions) WHERE value <> ?)
                WHERE EXISTS (SELECT 1 FROM json_each(api_keys.permissions) WHERE value = ?)
                """, arguments: [slug, slug])
        default:
            return
        }
    }
}
