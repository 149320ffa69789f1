import ArgumentParser

/// Every command names itself: a name derived from the type costs a runtime conformance scan per
/// command at each start (about 1 ms in all).
struct WorkOSEmulator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workos-emulator",
        abstract: "A local, stateful emulator of the WorkOS API.",
        subcommands: [Serve.self, Validate.self, Schema.self, Environments.self, Reset.self, Snapshot.self, Restore.self, Trigger.self],
        defaultSubcommand: Serve.self)
}
