import EmulatorCore
import Hummingbird
import Organizations
import UserManagement

/// The API areas the emulator serves: their tables, the events they follow, and their routes. A new
/// area is a line in each.
enum EmulatorAreas {
    static let schema = Schema(areas: [
        OrganizationsSchema.migrate,
        UserManagementSchema.migrate,
    ])

    static let eventObservers: [EventObserver] = [
        OrganizationDeletion.observer,
    ]

    static func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        OrganizationsController().addRoutes(to: api)
        OrganizationDomainsController().addRoutes(to: api)
        UsersController().addRoutes(to: api)
        MembershipsController().addRoutes(to: api)
        InvitationsController().addRoutes(to: api)
        EmailVerificationController().addRoutes(to: api)
        PasswordResetController().addRoutes(to: api)
        MagicAuthController().addRoutes(to: api)
        EmailChangeController().addRoutes(to: api)
    }
}
