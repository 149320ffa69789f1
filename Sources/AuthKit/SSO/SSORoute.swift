import EmulatorCore
import GRDB
import SSO

/// Which SSO connection, if any, a sign-in goes through. AuthKit's own way in (the hosted pages) is
/// for everyone else; social providers never route to SSO.
enum SSORoute {
    /// For `/user_management/authorize`, in this order: `connection_id` (an unknown or inactive one is
    /// an error); `organization_id` of an organization with an active connection; `domain_hint`, then
    /// the domain of `login_hint`, verified by such an organization. Nil: the hosted pages.
    static func connection(for parameters: AuthorizationParameters, domainHint: String?,
                           in db: Database) throws -> Result<SSOAPI.Connection, SSOAPI.RoutingError>? {
        guard parameters.oauthProvider == nil else { return nil }
        if let connectionID = parameters.connectionID { return try SSOAPI.signInConnection(id: connectionID, in: db) }
        if let organizationID = parameters.organizationID {
            return try SSOAPI.signInConnection(ofOrganization: organizationID, in: db)
        }
        for hint in [domainHint, parameters.loginHint?.contains("@") == true ? parameters.loginHint : nil] {
            if let hint, let route = try SSOAPI.signInConnection(forDomain: hint, in: db) { return route }
        }
        return nil
    }

    /// For an address typed on the hosted pages: the first active connection of the organization that
    /// verified its domain, as `sso_required` names them.
    static func connectionID(forEmail email: String, in db: Database) throws -> String? {
        try SSOAPI.requiredConnectionIDs(forEmail: email, in: db).first
    }
}
