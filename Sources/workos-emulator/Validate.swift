import ArgumentParser
import EmulatorServer

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files without applying them.",
        discussion: """
            Reports every problem with its path in the file and its line; exits non-zero if any file has one.

            Examples:
              workos-emulator validate scenarios/default.yaml
              workos-emulator validate scenarios/*.yaml
            """)

    @Argument(help: "Scenario files (YAML or JSON).")
    var files: [String]

    func run() throws {
        var failed = false
        for file in files {
            do {
                _ = try ScenarioLoader.standard.validate(text: try ScenarioFile.read(file))
                print("\(file): ok")
            } catch let invalid as ScenarioLoader.Invalid {
                failed = true
                print("\(file): \(invalid.issues.count) problem\(invalid.issues.count == 1 ? "" : "s")")
                print(invalid.report.split(separator: "\n").map { "  \($0)" }.joined(separator: "\n"))
            }
        }
        if failed { throw ExitCode.failure }
    }
}

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of scenario files.",
        discussion: "The same schema is published as scenarios/scenario.schema.json for editors.")

    func run() throws {
        print(ScenarioLoader.standard.jsonSchemaText, terminator: "")
    }
}
