import AuthKit
import EmulatorCore
import Events
import Hummingbird
import Organizations
import Webhooks
import UserManagement

/// The API areas the emulator serves: their tables, the events they follow, and their routes. A new
/// area is a line in each.
enum EmulatorAreas {
    static let schema = Schema(areas: [
        OrganizationsSchema.migrate,
        WebhooksSchema.migrate,
        UserManagementSchema.migrate,
        AuthKitSchema.migrate,
    ])

    static let eventObservers: [EventObserver] = [
        OrganizationDeletion.observer,
        UserDeletion.observer,
    ]

    /// In the order they are applied: a section may refer only to sections before it.
    static let scenarioSections: [any ScenarioSection] = [
        OrganizationsScenarioSection(),
        UsersScenarioSection(),
    ]

    static func addRoutes(to api: RouterGroup<EmulatorRequestContext>, webhooks: WebhookDelivery) {
        OrganizationsController().addRoutes(to: api)
        OrganizationDomainsController().addRoutes(to: api)
        EventsController().addRoutes(to: api)
        WebhookEndpointsController(delivery: webhooks).addRoutes(to: api)
        UsersController().addRoutes(to: api)
        MembershipsController().addRoutes(to: api)
        InvitationsController().addRoutes(to: api)
        EmailVerificationController().addRoutes(to: api)
        PasswordResetController().addRoutes(to: api)
        MagicAuthController().addRoutes(to: api)
        EmailChangeController().addRoutes(to: api)
        SessionsController().addRoutes(to: api)
        RedirectURIsController().addRoutes(to: api)
        CORSOriginsController().addRoutes(to: api)
        FactorsController().addRoutes(to: api)
        UserFactorsController().addRoutes(to: api)
    }

    /// Routes without an API key, whose environment is found by client ID (see `ClientEnvironmentMiddleware`).
    static func addBrowserRoutes(to browser: RouterGroup<EmulatorRequestContext>, registry: EnvironmentRegistry) {
        let byClientID: @Sendable (String) -> EmulatorCore.Environment? = { registry.environment(clientID: $0) }
        AuthorizeController(environment: byClientID).addRoutes(to: browser)
        HostedPagesController(environment: byClientID).addRoutes(to: browser)
        AuthenticateController(environment: byClientID).addRoutes(to: browser)
        JWKSController(environment: byClientID).addRoutes(to: browser)
        LogoutController(environments: { registry.all }).addRoutes(to: browser)
        DeviceAuthorizationController(environment: byClientID).addRoutes(to: browser)
        DevicePagesController(environments: { registry.all }).addRoutes(to: browser)
        LinkPagesController(environments: { registry.all }).addRoutes(to: browser)
        CORSPreflight.addRoutes(to: browser)
    }
}
