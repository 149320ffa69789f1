import AdminPortal
import Agents
import APIKeys
import AuditLogs
import AuthKit
import Authorization
import Connect
import DirectorySync
import EmulatorCore
import Events
import FeatureFlags
import Hummingbird
import Organizations
import Pipes
import PlatformTeams
import Radar
import SSO
import UserManagement
import Vault
import Webhooks

/// The API areas the emulator serves: their tables, the events they follow, and their routes. A new
/// area is a line in each.
enum EmulatorAreas {
    static let schema = Schema(areas: [
        OrganizationsSchema.migrate,
        WebhooksSchema.migrate,
        UserManagementSchema.migrate,
        DirectorySyncSchema.migrate,
        SSOSchema.migrate,
        AuthorizationSchema.migrate,
        AuditLogsSchema.migrate,
        AdminPortalSchema.migrate,
        AuthKitSchema.migrate,
        FeatureFlagsSchema.migrate,
        APIKeysSchema.migrate,
        ConnectSchema.migrate,
        VaultSchema.migrate,
        RadarSchema.migrate,
        PlatformTeamsSchema.migrate,
        PipesSchema.migrate,
        AgentsSchema.migrate,
    ])

    static let eventObservers: [EventObserver] = [
        UserManagement.OrganizationDeletion.observer,
        DirectoryProvisioning.observer,
        UserDeletion.observer,
        OrganizationFollower.observer,
        MembershipFollower.observer,
        AuditLogsOrganizationDeletion.observer,
        PortalOrganizationDeletion.observer,
        FlagTargetFollower.observer,
        APIKeyFollower.observer,
        ConnectedAccountFollower.observer,
        ConnectFollower.observer,
        AgentOrganizationDeletion.observer,
    ] + DirectorySyncObservers.all + SSORoutes.eventObservers

    /// In the order they are applied: a section may refer only to sections before it.
    static let scenarioSections: [any ScenarioSection] = [
        OrganizationsScenarioSection(),
        PermissionsScenarioSection(),
        RolesScenarioSection(),
        UsersScenarioSection(),
        InvitationsScenarioSection(),
        WaitlistsScenarioSection(),
        WebhooksScenarioSection(),
        DirectoriesScenarioSection(),
        SSOScenarioSection(),
        AuthKitScenarioSection(),
        FeatureFlagsScenarioSection(),
    ]

    // SSO sign-ins return to the redirect URIs AuthKit's registry (`/user_management/redirect_uris`)
    // holds, and hand the sign-ins AuthKit started back to it.
    static let sso = SSORoutes(redirectURIs: AuthKitSSO.redirectURIs, handoff: AuthKitSSO.handoff)

    static func addRoutes(to api: RouterGroup<EmulatorRequestContext>, webhooks: WebhookDelivery) {
        OrganizationsController().addRoutes(to: api)
        OrganizationDomainsController().addRoutes(to: api)
        EventsController().addRoutes(to: api)
        WebhookEndpointsController(delivery: webhooks).addRoutes(to: api)
        UsersController().addRoutes(to: api)
        MembershipsController().addRoutes(to: api)
        InvitationsController().addRoutes(to: api)
        WaitlistsController().addRoutes(to: api)
        EmailVerificationController().addRoutes(to: api)
        PasswordResetController().addRoutes(to: api)
        MagicAuthController().addRoutes(to: api)
        EmailChangeController().addRoutes(to: api)
        DirectoriesController().addRoutes(to: api)
        DirectoryUsersController().addRoutes(to: api)
        DirectoryGroupsController().addRoutes(to: api)
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
        GroupsController().addRoutes(to: api)
        GroupMembersController(memberships: memberships).addRoutes(to: api)
        GroupRoleAssignmentsController().addRoutes(to: api)
        sso.addRoutes(to: api)
        AuditLogEventsController().addRoutes(to: api)
        AuditLogActionsController().addRoutes(to: api)
        AuditLogExportsController().addRoutes(to: api)
        AuditLogRetentionController().addRoutes(to: api)
        PortalLinksController().addRoutes(to: api)
        ITContactsController().addRoutes(to: api)
        SessionsController().addRoutes(to: api)
        RedirectURIsController().addRoutes(to: api)
        CORSOriginsController().addRoutes(to: api)
        JWTTemplateController().addRoutes(to: api)
        FactorsController().addRoutes(to: api)
        UserFactorsController().addRoutes(to: api)
        WidgetsController().addRoutes(to: api)
        FeatureFlagsController().addRoutes(to: api)
        OrganizationAPIKeysController().addRoutes(to: api)
        UserAPIKeysController().addRoutes(to: api)
        APIKeysController().addRoutes(to: api)
        ConnectApplicationsController().addRoutes(to: api)
        ClientSecretsController().addRoutes(to: api)
        VaultKeysController().addRoutes(to: api)
        VaultObjectsController().addRoutes(to: api)
        RadarController().addRoutes(to: api)
        TeamsController().addRoutes(to: api)
        OrganizationConnectedAccountsController().addRoutes(to: api)
        UserConnectedAccountsController().addRoutes(to: api)
        AuthKitOAuthResourcesController().addRoutes(to: api)
        AuthorizedApplicationsController().addRoutes(to: api)
        AgentBlueprintsController().addRoutes(to: api)
        AgentInstancesController().addRoutes(to: api)
        AgentSessionsController().addRoutes(to: api)
        AgentRegistrationsController().addRoutes(to: api)
    }

    /// Routes that browsers and OAuth clients call without an API key, whose environment is found by
    /// client ID (see `ClientEnvironmentMiddleware`) or by the object they name.
    static func addBrowserRoutes(to browser: RouterGroup<EmulatorRequestContext>, registry: EnvironmentRegistry) {
        let byClientID: @Sendable (String) -> EmulatorCore.Environment? = { registry.environment(clientID: $0) }
        AuthorizeController(environment: byClientID).addRoutes(to: browser)
        HostedPagesController(environment: byClientID).addRoutes(to: browser)
        // Access tokens carry the flags in effect for their user and organization.
        AuthenticateController(environment: byClientID, featureFlags: FeatureFlagsAPI.enabledSlugs).addRoutes(to: browser)
        JWKSController(environment: byClientID).addRoutes(to: browser)
        AuthKit.LogoutController(environments: { registry.all }).addRoutes(to: browser)
        DeviceAuthorizationController(environment: byClientID).addRoutes(to: browser)
        DevicePagesController(environments: { registry.all }).addRoutes(to: browser)
        LinkPagesController(environments: { registry.all }).addRoutes(to: browser)
        CORSPreflight.addRoutes(to: browser)
        sso.addBrowserRoutes(to: browser)
        AuditLogExportsController().addBrowserRoutes(to: browser)
        PortalPagesController().addBrowserRoutes(to: browser)
    }

    /// The areas' own control routes, beside the emulator's.
    static func addControlRoutes(to control: RouterGroup<EmulatorRequestContext>, webhooks: WebhookDelivery) {
        EventsControlController().addRoutes(to: control)
        WebhooksControlController(delivery: webhooks).addRoutes(to: control)
        DirectoryControlController().addRoutes(to: control)
        sso.addControlRoutes(to: control)
        AuthKitSettingsController().addRoutes(to: control)
        ImpersonationController().addRoutes(to: control)
        FeatureFlagsControlController().addRoutes(to: control)
        WaitlistsControlController().addRoutes(to: control)
        AuthorizedApplicationsControlController().addRoutes(to: control)
        AgentsControlController().addRoutes(to: control)
    }
}
