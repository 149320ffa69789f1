import Authorization
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
        AuthorizationSchema.migrate,
    ])

    static let eventObservers: [EventObserver] = [
        OrganizationDeletion.observer,
        OrganizationFollower.observer,
        MembershipFollower.observer,
    ]

    /// In the order they are applied: a section may refer only to sections before it.
    static let scenarioSections: [any ScenarioSection] = [
        OrganizationsScenarioSection(),
        PermissionsScenarioSection(),
        RolesScenarioSection(),
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
        PermissionsController().addRoutes(to: api)
        EnvironmentRolesController().addRoutes(to: api)
        ResourcesController().addRoutes(to: api)
        ResourcesByExternalIDController().addRoutes(to: api)
        // Authorization reaches memberships, which User Management keeps, through this directory.
        let memberships = UserManagementAPI.membershipDirectory
        OrganizationRolesController(memberships: memberships).addRoutes(to: api)
        ResourceAccessController(memberships: memberships).addRoutes(to: api)
        MembershipAccessController(memberships: memberships).addRoutes(to: api)
        MembershipRoleAssignmentsController(memberships: memberships).addRoutes(to: api)
    }
}
