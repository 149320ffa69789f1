import EmulatorCore
import Foundation
import GRDB

/// A row of `sso_authorization_requests`: a sign-in routed to a connection and waiting on the test
/// identity provider's page, with what the answer must carry back (redirect URI, state, PKCE
/// challenge). Used once: the page's answer removes it.
struct AuthorizationRequestRecord: EmulatorRecord {
    static let databaseTableName = "sso_authorization_requests"

    var id: String
    var connectionId: String
    var redirectUri: String
    var state: String?
    var codeChallenge: String?
    var loginHint: String?
    /// Set when another area (AuthKit) started the sign-in: its key for it, and the answer goes back
    /// to that area rather than to the redirect URI (which the page then only shows).
    var handoff: String?
    var expiresAt: Date

    init(connectionID: String, redirectURI: String, state: String?, codeChallenge: String?, loginHint: String?,
         handoff: String? = nil, in tx: Transaction) {
        id = ObjectID.token(32)
        connectionId = connectionID
        redirectUri = redirectURI
        self.state = state
        self.codeChallenge = codeChallenge
        self.loginHint = loginHint
        self.handoff = handoff
        expiresAt = tx.now.addingTimeInterval(Lifetimes.authorizationRequest)
    }

    /// The request, when it is still waiting.
    static func pending(_ id: String, now: Date, in db: Database) throws -> AuthorizationRequestRecord? {
        guard let record = try fetchOne(db, key: id), record.expiresAt > now else { return nil }
        return record
    }
}
