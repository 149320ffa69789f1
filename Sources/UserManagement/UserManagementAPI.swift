import EmulatorCore
import GRDB

/// What other areas may do with User Management. Its records stay inside this target.
public enum UserManagementAPI {
    /// Links an external identity to a user, as signing in with an OAuth provider does (`type` is
    /// `OAuth`, `provider` e.g. `GoogleOAuth`); `GET /user_management/users/{id}/identities` lists it.
    /// Linking the same `idp_id` and provider again is a no-op. Throws the 404 for an unknown user.
    public static func linkIdentity(userID: String, idpID: String, provider: String, type: String = "OAuth",
                                    in tx: Transaction) throws {
        _ = try UserRecord.find(userID, in: tx.db)
        let linked = try UserIdentityRecord.all(of: userID, in: tx.db)
            .contains { $0.idpId == idpID && $0.provider == provider }
        guard !linked else { return }
        try UserIdentityRecord(id: tx.newID("identity"), userId: userID, idpId: idpID, type: type, provider: provider,
                               createdAt: tx.now).insert(tx.db)
    }
}
