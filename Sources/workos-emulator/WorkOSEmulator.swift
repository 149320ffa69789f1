import ArgumentParser

struct WorkOSEmulator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workos-emulator",
        abstract: "A local, stateful emulator of the WorkOS API.",
        subcommands: [Serve.self, Validate.self, Schema.self, Environments.self, Reset.self, Snapshot.self, Restore.self, Trigger.self],
        defaultSubcommand: Serve.self)
}
