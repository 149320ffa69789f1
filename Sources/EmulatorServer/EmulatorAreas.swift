import EmulatorCore
import Hummingbird
import Organizations
import SSO

/// The API areas the emulator serves: their tables, the events they follow, and their routes. A new
/// area is a line in each.
enum EmulatorAreas {
    static let schema = Schema(areas: [
        OrganizationsSchema.migrate,
        SSOSchema.migrate,
    ])

    static let eventObservers: [EventObserver] = SSORoutes.eventObservers

    /// In the order they are applied: a section may refer only to sections before it.
    static let scenarioSections: [any ScenarioSection] = [
        OrganizationsScenarioSection(),
        SSOScenarioSection(),
    ]

    // Redirect URIs beyond loopback ones become allowed when AuthKit's registry
    // (`/user_management/redirect_uris`) lands and is passed here.
    static let sso = SSORoutes(redirectURIs: RedirectURI(isRegistered: RedirectURI.noneRegistered))

    static func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        OrganizationsController().addRoutes(to: api)
        OrganizationDomainsController().addRoutes(to: api)
        sso.addRoutes(to: api)
    }

    /// Routes that browsers and OAuth clients call without an API key.
    static func addBrowserRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        sso.addBrowserRoutes(to: browser)
    }

    /// Areas' additions to the control API.
    static func addControlRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        sso.addControlRoutes(to: control)
    }
}
