import ArgumentParser
import EmulatorServer
import Foundation
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the emulated WorkOS API.",
        discussion: """
            Examples:
              workos-emulator serve
              workos-emulator serve --port 0 --db :memory: --scenario scenarios/default.yaml
              WORKOS_API_KEY=sk_test_mine workos-emulator serve --db ./emulator-data
            """)

    @Option(help: "Address to listen on. [env: WORKOS_EMULATOR_HOST]")
    var host: String?

    @Option(help: "Port to listen on; 0 picks a free one. [env: PORT, default: \(EmulatorConfiguration.defaultPort)]")
    var port: Int?

    @Option(name: .customLong("db"),
            help: "Where environments are stored: a directory of SQLite files, or :memory:. [env: WORKOS_EMULATOR_DB, default: the data directory]")
    var database: String?

    @Option(name: .customLong("api-key"), help: "API key of the default environment. [env: WORKOS_API_KEY, default: \(EmulatorConfiguration.defaultAPIKey)]")
    var apiKey: String?

    @Option(name: .customLong("client-id"), help: "Client ID of the default environment. [env: WORKOS_CLIENT_ID, default: \(EmulatorConfiguration.defaultClientID)]")
    var clientID: String?

    @Option(name: .customLong("scenario"), help: "A scenario file (YAML or JSON) to seed the default environment with, when it is empty. Repeatable.")
    var scenarios: [String] = []

    @Option(name: .customLong("control-token"),
            help: "Open the control API (/_emulator) to non-loopback clients that send this in X-Emulator-Control-Token. [env: WORKOS_EMULATOR_CONTROL_TOKEN]")
    var controlToken: String?

    @Option(help: "A webhook endpoint of the default environment that receives every event: URL or URL,secret. [env: WORKOS_EMULATOR_WEBHOOK]")
    var webhook: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical. [env: LOG_LEVEL, default: info]")
    var logLevel: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let storageText = database ?? env["WORKOS_EMULATOR_DB"]
        let storage: EmulatorConfiguration.Storage = storageText == ":memory:"
            ? .memory
            : .directory(storageText.map { URL(fileURLWithPath: $0) } ?? EmulatorConfiguration.defaultDataDirectory())
        let configuration = EmulatorConfiguration(
            host: host ?? env["WORKOS_EMULATOR_HOST"] ?? "127.0.0.1",
            port: try port ?? env["PORT"].map(Self.port) ?? EmulatorConfiguration.defaultPort,
            storage: storage,
            apiKey: apiKey ?? env["WORKOS_API_KEY"] ?? EmulatorConfiguration.defaultAPIKey,
            clientID: clientID ?? env["WORKOS_CLIENT_ID"] ?? EmulatorConfiguration.defaultClientID,
            controlToken: controlToken ?? env["WORKOS_EMULATOR_CONTROL_TOKEN"],
            webhook: try (webhook ?? env["WORKOS_EMULATOR_WEBHOOK"]).map { text in
                guard let webhook = EmulatorConfiguration.Webhook(argument: text) else {
                    throw ValidationError("--webhook takes URL or URL,secret with an http(s) URL, not '\(text)'.")
                }
                return webhook
            })

        LoggingSystem.bootstrap { label in StandardErrorLogHandler(label: label) }
        var logger = Logger(label: "workos-emulator")
        let levelText = logLevel ?? env["LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelText) else {
            throw ValidationError("Unknown log level '\(levelText)'.")
        }
        logger.logLevel = level

        let emulator = try await Emulator(configuration: configuration)
        let seeded: Bool
        do {
            seeded = try await emulator.seedDefaultEnvironment(with: try scenarios.map { ($0, try ScenarioFile.read($0)) })
        } catch let invalid as ScenarioLoader.Invalid {
            throw ValidationError("The scenario is not valid:\n\(invalid.report)")
        }
        if !scenarios.isEmpty && !seeded {
            logger.notice("The default environment already holds data; --scenario files were not applied (reset it to start over).")
        }
        let app = emulator.buildApplication(logger: logger) { port in
            let data = switch configuration.storage {
            case .memory: "in memory"
            case .directory(let url): url.path
            }
            let line = "workos-emulator \(EmulatorVersion.current) listening on http://\(configuration.host):\(port)"
                + " · default environment: api key \(configuration.apiKey), client id \(configuration.clientID)"
                + " · data: \(data)"
                + (emulator.webhook.map { " · webhook: \($0.url), secret \($0.secret ?? "")" } ?? "") + "\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        try await app.runService()
    }

    private static func port(_ text: String) throws -> Int {
        guard let port = Int(text), (0...65535).contains(port) else { throw ValidationError("PORT must be a port number.") }
        return port
    }
}

enum ScenarioFile {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("Cannot read scenario file \(path).")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
