import ArgumentParser
import EmulatorCore
import Foundation

struct Reset: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Empty an environment of a running emulator (its keys stay).",
        discussion: """
            Examples:
              workos-emulator reset
              workos-emulator reset --api-key sk_test_… --url http://127.0.0.1:4100
            """)

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let environment = try await server.send("POST", "/_emulator/reset", json: [:])
        print("reset \(environment["id"]?.stringValue ?? "")")
    }
}

struct Snapshot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Save an environment of a running emulator under a name.",
        discussion: """
            Examples:
              workos-emulator snapshot seeded
              workos-emulator restore seeded
            """)

    @Argument(help: "The snapshot's name (letters, digits, '-', '_', '.').") var name: String
    @OptionGroup var server: ServerOptions

    func run() async throws {
        _ = try await server.send("POST", "/_emulator/snapshots", json: ["name": .string(name)])
        print("saved \(name)")
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a snapshot back into an environment of a running emulator.",
        discussion: "Example:\n  workos-emulator restore seeded --api-key sk_test_…")

    @Argument(help: "The snapshot's name.") var name: String
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
        _ = try await server.send("POST", "/_emulator/snapshots/\(encoded)/restore", json: [:])
        print("restored \(name)")
    }
}

struct Environments: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "environments",
        abstract: "Manage the environments of a running emulator.",
        subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create an environment and print shell export lines for it.",
            discussion: """
                Examples:
                  eval "$(workos-emulator environments create)"
                  eval "$(workos-emulator environments create --scenario scenarios/multi-tenant.yaml)"
                  eval "$(workos-emulator environments create --snapshot seeded)"
                """)

        @Option(help: "A scenario file (YAML or JSON) to seed it with.") var scenario: String?
        @Option(help: "A snapshot to copy into it.") var snapshot: String?
        @Option(help: "A name for it.") var name: String?
        @OptionGroup var server: ServerOptions

        func run() async throws {
            var body: JSONObject = [:]
            if let name { body["name"] = .string(name) }
            if let snapshot { body["snapshot"] = .string(snapshot) }
            if let scenario { body["scenario"] = .string(try ScenarioFile.read(scenario)) }
            let environment = try await server.send("POST", "/_emulator/environments", json: .object(body))
            for (variable, value) in [("WORKOS_API_KEY", environment["api_key"]?.stringValue),
                                      ("WORKOS_CLIENT_ID", environment["client_id"]?.stringValue),
                                      ("WORKOS_BASE_URL", server.baseURL)] {
                print("export \(variable)='\(value ?? "")'")
            }
        }
    }
}

struct Trigger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trigger",
        abstract: "Emit an event in an environment of a running emulator, through the normal event path.",
        discussion: """
            The Events API lists it and webhook endpoints subscribed to it receive it. Without --data,
            organization and domain events carry the environment's newest organization or domain.

            Examples:
              workos-emulator trigger organization.updated
              workos-emulator trigger user.created --data '{"object": "user", "id": "user_01…", …}'
            """)

    @Argument(help: "The event type, e.g. dsync.user.created.") var event: String
    @Option(help: "The event's data, as a JSON object.") var data: String?
    @OptionGroup var server: ServerOptions

    func run() async throws {
        var body: JSONObject = ["event": .string(event)]
        if let data {
            guard let parsed = try? JSON.parse(data), parsed.objectValue != nil else {
                throw ValidationError("--data must be a JSON object.")
            }
            body["data"] = parsed
        }
        let emitted = try await server.send("POST", "/_emulator/events", json: .object(body))
        print(emitted["id"]?.stringValue ?? emitted.text)
    }
}
