import EmulatorCore
import Hummingbird
import Logging

/// An emulator: its environments and the HTTP application that serves them.
public struct Emulator: Sendable {
    public let configuration: EmulatorConfiguration
    public let registry: EnvironmentRegistry

    public init(configuration: EmulatorConfiguration) throws {
        self.configuration = configuration
        registry = try EnvironmentRegistry(configuration: configuration, schema: EmulatorAreas.schema,
                                           observers: EmulatorAreas.eventObservers)
    }

    public func buildRouter() -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())

        let control = router.group("_emulator")
            .add(middleware: AuthenticationMiddleware(registry: registry, keyRequired: false))
        EnvironmentsController(registry: registry, startedAt: .now).addRoutes(to: control)
        OutboxController().addRoutes(to: control)

        let api = router.group()
            .add(middleware: AuthenticationMiddleware(registry: registry, keyRequired: true))
            .add(middleware: IdempotencyMiddleware())
        EmulatorAreas.addRoutes(to: api)
        return router
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
