import EmulatorCore
import Foundation
import GRDB

/// A row of `connect_authorizations`: a user's consent to a Connect application, in one of their
/// organizations or none, with the scopes granted and the OAuth resource asked for. The emulator has no
/// consent screen: authorizations come from the control route `POST /_emulator/authorized_applications`.
/// Deleting one revokes it; it goes with its application, its user and its organization.
struct AuthorizationRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "connect_authorizations"

    var id: String
    var applicationId: String
    var userId: String
    var organizationId: String?
    var grantedScopes: [String]
    var oauthResource: String?
    var createdAt: Date
    var updatedAt: Date

    /// The user's list shows the application and what was granted; the organization's adds the user.
    func wire(application: ConnectApplicationRecord, withUser: Bool) -> JSON {
        var object: JSONObject = [
            "object": "authorized_connect_application",
            "id": .string(id),
            "granted_scopes": .strings(grantedScopes),
            "oauth_resource": .string(oauthResource),
            "application": application.wire,
        ]
        if withUser { object["user_id"] = .string(userId) }
        return .object(object)
    }

    /// A page of authorizations as the list answers it, each with its application (which the foreign
    /// key keeps in existence while an authorization names it).
    static func wire(_ page: Page<AuthorizationRecord>, withUser: Bool, in db: Database) throws -> JSON {
        let ids = Set(page.data.map(\.applicationId))
        let applications = try ConnectApplicationRecord.fetchAll(db, where: "id", isIn: Array(ids))
        let byID = Dictionary(uniqueKeysWithValues: applications.map { ($0.id, $0) })
        return page.wire { record in byID[record.applicationId].map { record.wire(application: $0, withUser: withUser) } ?? .null }
    }

    /// Records the user's consent, and whether it is a new one: consenting again to the same application
    /// in the same organization replaces what was granted.
    static func grant(application: ConnectApplicationRecord, userID: String, organizationID: String?,
                      scopes: [String], oauthResource: String?, in tx: Transaction) throws -> (AuthorizationRecord, isNew: Bool) {
        let existing = try filter(Column("application_id") == application.id && Column("user_id") == userID
            && Column("organization_id") == organizationID).fetchOne(tx.db)
        var record = existing ?? AuthorizationRecord(
            id: tx.newID("authorized_connect_app"), applicationId: application.id, userId: userID,
            organizationId: organizationID, grantedScopes: [], oauthResource: nil, createdAt: tx.now, updatedAt: tx.now)
        record.grantedScopes = scopes
        record.oauthResource = oauthResource
        record.updatedAt = tx.now
        try record.save(tx.db)
        return (record, existing == nil)
    }
}
