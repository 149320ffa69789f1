import DirectorySync
import EmulatorCore
import AuthKit
import Events
import Hummingbird
import Logging
import Webhooks

/// An emulator: its environments, what tests scripted into them, the webhook delivery that serves
/// their outboxes, and the HTTP application that serves them.
public struct Emulator: Sendable {
    public let configuration: EmulatorConfiguration
    public let registry: EnvironmentRegistry
    public let webhooks: WebhookDelivery
    /// The `--webhook` endpoint, with the secret it signs with, when there is one.
    public let webhook: EmulatorConfiguration.Webhook?
    let snapshots: SnapshotStore
    let faults = FaultBook()
    let journal = RequestJournal()

    public init(configuration: EmulatorConfiguration) async throws {
        self.configuration = configuration
        let outbox = WebhookOutbox()
        let registry = try EnvironmentRegistry(configuration: configuration, schema: EmulatorAreas.schema,
                                               observers: EmulatorAreas.eventObservers + [outbox.observer])
        self.registry = registry
        snapshots = try SnapshotStore(storage: configuration.storage)
        webhooks = WebhookDelivery(outbox: outbox, environments: { registry.all },
                                   logger: Logger(label: "workos-emulator.webhooks"))
        if let webhook = configuration.webhook {
            let secret = try await WebhooksAPI.ensureEndpoint(url: webhook.url, secret: webhook.secret,
                                                              in: registry.defaultEnvironment)
            self.webhook = EmulatorConfiguration.Webhook(url: webhook.url, secret: secret)
        } else {
            webhook = nil
        }
    }

    public func buildRouter() -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ErrorMiddleware())

        let control = router.group("_emulator")
            .add(middleware: ControlAccessMiddleware(token: configuration.controlToken))
            .add(middleware: AuthenticationMiddleware(registry: registry, keyRequired: false))
        EnvironmentsController(registry: registry, snapshots: snapshots, scenarios: .standard,
                               forgetScripting: forgetScripting, startedAt: .now).addRoutes(to: control)
        ScenariosController(loader: .standard).addRoutes(to: control)
        SnapshotsController(registry: registry, snapshots: snapshots).addRoutes(to: control)
        ClockController().addRoutes(to: control)
        FaultsController(faults: faults).addRoutes(to: control)
        RequestsController(journal: journal).addRoutes(to: control)
        OutboxController().addRoutes(to: control)
        EmulatorAreas.addControlRoutes(to: control, webhooks: webhooks)

        // SCIM clients authenticate with a directory's bearer token, which names its environment; then
        // their requests are journaled and may be given faults, as API requests are.
        SCIMController(environment: registry.environment(id:)).addRoutes(to: router.group("scim/v2")) { scim in
            scim.add(middleware: JournalMiddleware(journal: journal))
                .add(middleware: FaultMiddleware(faults: faults, answer: SCIMController.faultResponse))
        }

        let api = router.group()
            .add(middleware: AuthenticationMiddleware(registry: registry, keyRequired: true,
                                                      widgets: WidgetAccess(registry: registry)))
            .add(middleware: JournalMiddleware(journal: journal))
            .add(middleware: FaultMiddleware(faults: faults))
            .add(middleware: IdempotencyMiddleware())
        EmulatorAreas.addRoutes(to: api, webhooks: webhooks)

        // What browsers and OAuth clients call without an API key (AuthKit's authorize, hosted pages,
        // authenticate, logout and JWKS; SSO's authorize, test identity provider, token and profile):
        // found by client ID instead.
        let browser = router.group()
            .add(middleware: CORSMiddleware(environments: { registry.all }))
            .add(middleware: ClientEnvironmentMiddleware(registry: registry))
            .add(middleware: JournalMiddleware(journal: journal))
            .add(middleware: FaultMiddleware(faults: faults))
            .add(middleware: IdempotencyMiddleware())
        EmulatorAreas.addBrowserRoutes(to: browser, registry: registry)
        return router
    }

    /// Seeds the default environment with scenario files, when it holds nothing yet (a durable data
    /// directory keeps what earlier runs made). Every file is validated before any is applied.
    /// Answers whether the files were applied.
    public func seedDefaultEnvironment(with files: [(name: String, text: String)]) async throws -> Bool {
        let validated = try files.map { file in
            do { return try ScenarioLoader.standard.validate(text: file.text) } catch let invalid as ScenarioLoader.Invalid {
                throw ScenarioLoader.Invalid(issues: invalid.issues.map {
                    .init(path: "\(file.name): \($0.path)", line: $0.line, message: $0.message)
                })
            }
        }
        let environment = registry.defaultEnvironment
        guard try await environment.read({ db in try Event.fetchCount(db) == 0 }) else { return false }
        for scenario in validated { _ = try await ScenarioLoader.standard.apply(scenario, to: environment) }
        return true
    }

    /// Forgets what tests scripted into an environment: its faults and its journal.
    @Sendable func forgetScripting(_ environmentID: String) {
        faults.clear(environmentID)
        journal.clear(environmentID)
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
