import GRDB
import SSO

/// What the assembly hands the SSO area from AuthKit, which SSO cannot depend on (AuthKit depends on it).
public enum AuthKitSSO {
    /// Takes back the sign-ins AuthKit started at the test identity provider.
    public static let handoff: SignInHandoff = SSOSignIn.handoff

    /// Whether the redirect URI is registered for the environment with `/user_management/redirect_uris`
    /// (exactly; SSO allows loopback URIs itself), and which of them is the default.
    public static let redirectURIs = RedirectURI(isRegistered: { uri, db in try RedirectURIRecord.isRegistered(uri, in: db) },
                                                 defaultURI: { db in try RedirectURIRecord.defaultURI(in: db) })
}
