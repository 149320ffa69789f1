import EmulatorCore
import Hummingbird
import Logging

/// An emulator: its environments, what tests scripted into them, and the HTTP application serving them.
public struct Emulator: Sendable {
    public let configuration: EmulatorConfiguration
    public let registry: EnvironmentRegistry
    let snapshots: SnapshotStore
    let faults = FaultBook()
    let journal = RequestJournal()

    public init(configuration: EmulatorConfiguration) throws {
        self.configuration = configuration
        registry = try EnvironmentRegistry(configuration: configuration, schema: EmulatorAreas.schema,
                                           observers: EmulatorAreas.eventObservers)
        snapshots = try SnapshotStore(storage: configuration.storage)
    }

    public func buildRouter() -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())

        let control = router.group("_emulator")
            .add(middleware: ControlAccessMiddleware(token: configuration.controlToken))
            .add(middleware: AuthenticationMiddleware(registry: registry, keyRequired: false))
        EnvironmentsController(registry: registry, snapshots: snapshots, forgetScripting: forgetScripting,
                               startedAt: .now).addRoutes(to: control)
        SnapshotsController(registry: registry, snapshots: snapshots).addRoutes(to: control)
        ClockController().addRoutes(to: control)
        FaultsController(faults: faults).addRoutes(to: control)
        RequestsController(journal: journal).addRoutes(to: control)

        let api = router.group()
            .add(middleware: AuthenticationMiddleware(registry: registry, keyRequired: true))
            .add(middleware: JournalMiddleware(journal: journal))
            .add(middleware: FaultMiddleware(faults: faults))
            .add(middleware: IdempotencyMiddleware())
        EmulatorAreas.addRoutes(to: api)
        return router
    }

    /// Forgets what tests scripted into an environment: its faults and its journal.
    @Sendable func forgetScripting(_ environmentID: String) {
        faults.clear(environmentID)
        journal.clear(environmentID)
    }

    /// The application, listening where the configuration says; `onListening` receives the bound port.
    public func buildApplication(logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol
    {
        // Hummingbird's own start-up chatter stays quiet; the executable prints the one line that matters.
        var serverLogger = logger
        serverLogger.logLevel = max(logger.logLevel, .warning)
        return Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "workos-emulator"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: serverLogger)
    }
}
