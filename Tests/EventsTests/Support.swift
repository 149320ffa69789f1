import EmulatorCore
import EmulatorTesting
import Testing

extension APIClient {
    /// The clock of the environment this client's key names.
    var clock: EnvironmentClock {
        get throws { try #require(emulator.registry.environment(apiKey: apiKey ?? "")).clock }
    }
}
