import EmulatorCore
import Hummingbird

/// The SSO area as the assembly sees it: its routes on each of the emulator's route groups, and the
/// events it follows.
public struct SSORoutes: Sendable {
    let redirectURIs: RedirectURI
    let handoff: SignInHandoff

    /// `redirectURIs` decides which non-loopback redirect URIs sign-ins may return to; `handoff` takes
    /// back the sign-ins another area (AuthKit) started at the test identity provider.
    public init(redirectURIs: RedirectURI, handoff: SignInHandoff) {
        self.redirectURIs = redirectURIs
        self.handoff = handoff
    }

    /// The API (behind the API key): connections, their SAML certificates, logout authorization, and
    /// Magic Link's passwordless sessions.
    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        ConnectionsController().addRoutes(to: api)
        SAMLCertificatesController().addRoutes(to: api)
        api.post("sso/logout/authorize", use: LogoutController().authorize)
        PasswordlessController(redirectURIs: redirectURIs).addRoutes(to: api)
    }

    /// What browsers and OAuth clients call without an API key; the group resolves the environment
    /// from the client ID or a client-bound token.
    public func addBrowserRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.get("sso/authorize", use: AuthorizeController(redirectURIs: redirectURIs, handoff: handoff).authorize)
        let testIdP = TestIdPController(redirectURIs: redirectURIs, handoff: handoff)
        browser.get("sso/test_idp", use: testIdP.start)
        browser.get("sso/test_idp/:request", use: testIdP.page)
        browser.post("sso/test_idp/:request", use: testIdP.answer)
        let tokens = TokenController()
        browser.post("sso/token", use: tokens.token)
        browser.get("sso/profile", use: tokens.profile)
        browser.get("sso/logout", use: LogoutController().logout)
        MagicLinkController().addRoutes(to: browser)
    }

    /// The control API: the dashboard's activate and deactivate switches.
    public func addControlRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        ConnectionSwitchController().addRoutes(to: control)
    }

    /// Connections leave with their organization.
    public static let eventObservers: [EventObserver] = [OrganizationDeletion.observer]
}
