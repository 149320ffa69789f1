import DirectorySync
import EmulatorCore
import Events
import Hummingbird
import Organizations
import UserManagement
import Webhooks

/// The API areas the emulator serves: their tables, the events they follow, and their routes. A new
/// area is a line in each.
enum EmulatorAreas {
    static let schema = Schema(areas: [
        OrganizationsSchema.migrate,
        WebhooksSchema.migrate,
        UserManagementSchema.migrate,
        DirectorySyncSchema.migrate,
    ])

    static let eventObservers: [EventObserver] = [
        OrganizationDeletion.observer,
    ] + DirectorySyncObservers.all

    /// In the order they are applied: a section may refer only to sections before it.
    static let scenarioSections: [any ScenarioSection] = [
        OrganizationsScenarioSection(),
        WebhooksScenarioSection(),
        DirectoriesScenarioSection(),
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
        DirectoriesController().addRoutes(to: api)
        DirectoryUsersController().addRoutes(to: api)
        DirectoryGroupsController().addRoutes(to: api)
    }

    /// The areas' own control routes, beside the emulator's.
    static func addControlRoutes(to control: RouterGroup<EmulatorRequestContext>, webhooks: WebhookDelivery) {
        EventsControlController().addRoutes(to: control)
        WebhooksControlController(delivery: webhooks).addRoutes(to: control)
        DirectoryControlController().addRoutes(to: control)
    }
}
