import DirectorySync
import EmulatorCore
import Hummingbird
import Organizations

/// The API areas the emulator serves: their tables, the events they follow, and their routes. A new
/// area is a line in each.
enum EmulatorAreas {
    static let schema = Schema(areas: [
        OrganizationsSchema.migrate,
        DirectorySyncSchema.migrate,
    ])

    static let eventObservers: [EventObserver] = DirectorySyncObservers.all

    /// In the order they are applied: a section may refer only to sections before it.
    static let scenarioSections: [any ScenarioSection] = [
        OrganizationsScenarioSection(),
        DirectoriesScenarioSection(),
    ]

    static func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        OrganizationsController().addRoutes(to: api)
        OrganizationDomainsController().addRoutes(to: api)
        DirectoriesController().addRoutes(to: api)
        DirectoryUsersController().addRoutes(to: api)
        DirectoryGroupsController().addRoutes(to: api)
    }

    /// The areas' own control routes, beside the emulator's.
    static func addControlRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        DirectoryControlController().addRoutes(to: control)
    }
}
