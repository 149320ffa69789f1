import EmulatorCore
import Events
import Hummingbird
import Logging
import Webhooks

/// An emulator: its environments, the webhook delivery that serves their outboxes, and the HTTP
/// application that serves them.
public struct Emulator: Sendable {
    public let configuration: EmulatorConfiguration
    public let registry: EnvironmentRegistry
    public let webhooks: WebhookDelivery
    /// The `--webhook` endpoint, with the secret it signs with, when there is one.
    public let webhook: EmulatorConfiguration.Webhook?

    public init(configuration: EmulatorConfiguration) throws {
        self.configuration = configuration
        let outbox = WebhookOutbox()
        let registry = try EnvironmentRegistry(configuration: configuration, schema: EmulatorAreas.schema,
                                               observers: EmulatorAreas.eventObservers + [outbox.observer])
        self.registry = registry
        webhooks = WebhookDelivery(outbox: outbox, environments: { registry.all },
                                   logger: Logger(label: "workos-emulator.webhooks"))
        webhook = try configuration.webhook.map { webhook in
            let secret = try WebhooksAPI.ensureEndpoint(url: webhook.url, secret: webhook.secret,
                                                        in: registry.defaultEnvironment)
            return EmulatorConfiguration.Webhook(url: webhook.url, secret: secret)
        }
    }

    public func buildRouter() -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())

        let control = router.group("_emulator")
            .add(middleware: AuthenticationMiddleware(registry: registry, keyRequired: false))
        EnvironmentsController(registry: registry, startedAt: .now).addRoutes(to: control)
        EventsControlController().addRoutes(to: control)
        WebhooksControlController(delivery: webhooks).addRoutes(to: control)

        let api = router.group()
            .add(middleware: AuthenticationMiddleware(registry: registry, keyRequired: true))
            .add(middleware: IdempotencyMiddleware())
        EmulatorAreas.addRoutes(to: api, webhooks: webhooks)
        return router
    }

    /// The application, listening where the configuration says; `onListening` receives the bound port.
    /// Webhook delivery runs beside it as a service, starting and stopping with it.
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
            services: [webhooks],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: serverLogger)
    }
}
