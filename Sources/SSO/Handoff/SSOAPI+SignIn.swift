import EmulatorCore
import GRDB
import Organizations

/// What AuthKit needs of SSO to send a sign-in through an organization's identity provider: which
/// connection a request routes to, and a sign-in at the test identity provider that comes back to it.
extension SSOAPI {
    /// Why a request cannot be routed, with the code WorkOS redirects with.
    public struct RoutingError: Error, Sendable, Equatable {
        public let code: String
        public let description: String
    }

    /// The connection `connection_id` names: `connection_invalid` when there is none,
    /// `connection_unlinked` when it is a draft or inactive.
    public static func signInConnection(id: String, in db: Database) throws -> Result<Connection, RoutingError> {
        try ConnectionSelector(connection: id).resolve(in: db).routed
    }

    /// The connection the organization signs in through, or nil when it has no active one (its members
    /// then sign in some other way). Several active ones are `ambiguous_connection_selector`.
    public static func signInConnection(ofOrganization organizationID: String,
                                        in db: Database) throws -> Result<Connection, RoutingError>? {
        guard try ConnectionRecord.all(ofOrganization: organizationID, in: db).contains(where: { $0.state == .active }) else {
            return nil
        }
        return try ConnectionSelector(organization: organizationID).resolve(in: db).routed
    }

    /// The connection of the organization that verified `domain` (a domain, or an email address's
    /// domain), or nil when no organization with an active connection did.
    public static func signInConnection(forDomain domain: String, in db: Database) throws -> Result<Connection, RoutingError>? {
        guard let organizationID = try OrganizationsAPI.organizationID(verifiedDomain: Self.domain(of: domain), in: db) else {
            return nil
        }
        return try signInConnection(ofOrganization: organizationID, in: db)
    }

    /// The active connections of the organization that verified the email address's domain: those its
    /// users must sign in through (`sso_required`'s `connection_ids`). Empty when there is none.
    public static func requiredConnectionIDs(forEmail email: String, in db: Database) throws -> [String] {
        guard let organizationID = try OrganizationsAPI.organizationID(verifiedDomain: domain(of: email), in: db) else {
            return []
        }
        return try ConnectionRecord.all(ofOrganization: organizationID, in: db).filter { $0.state == .active }.map(\.id)
    }

    /// Starts a sign-in through the connection at the test identity provider, for another area that
    /// knows it as `key`: the identity provider's answer goes to `handoff` (in its transaction), not
    /// to a redirect URI. `redirectURI` is only shown on the page. `mode` is `test_idp`'s (nil: the
    /// connection's `sign_in`); in the non-interactive modes the answer comes back at once.
    public static func beginSignIn(connectionID: String, key: String, redirectURI: String, loginHint: String?,
                                   mode: TestIdPMode?, client: SignInClient, clientID: String, handoff: SignInHandoff,
                                   in tx: Transaction) throws -> SignInHandoff.Answer {
        let connection = try ConnectionRecord.find(connectionID, in: tx.db)
        let pending = AuthorizationRequestRecord(connectionID: connection.id, redirectURI: redirectURI, state: nil,
                                                 codeChallenge: nil, loginHint: loginHint, handoff: key, in: tx)
        return try AuthorizeController.start(pending, through: connection, mode: mode, client: client, clientID: clientID,
                                             handoff: handoff, in: tx)
    }

    /// The part after `@` of an email address; a bare domain as it is.
    private static func domain(of text: String) -> String {
        String(text.split(separator: "@", omittingEmptySubsequences: false).last ?? "").lowercased()
    }
}

extension Result where Success == ConnectionRecord, Failure == AuthorizeError {
    var routed: Result<SSOAPI.Connection, SSOAPI.RoutingError> {
        map(SSOAPI.Connection.init).mapError { SSOAPI.RoutingError(code: $0.code, description: $0.description) }
    }
}
