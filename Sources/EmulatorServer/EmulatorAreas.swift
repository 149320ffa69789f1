import EmulatorCore
import Hummingbird
import Organizations

/// The API areas the emulator serves: their tables, and their routes. A new area is one line in each.
enum EmulatorAreas {
    static let schema = Schema(areas: [
        OrganizationsSchema.migrate,
    ])

    static func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        OrganizationsController().addRoutes(to: api)
        OrganizationDomainsController().addRoutes(to: api)
    }
}
