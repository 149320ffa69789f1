import EmulatorCore

/// Who acted on the vault: the environment's API key, the only caller the emulator knows. It is
/// objects' `updated_by` and every vault event's `actor_*`.
struct VaultActor: Sendable {
    let id: String
    let name: String

    static func api(_ environment: Environment) -> VaultActor {
        VaultActor(id: environment.id, name: environment.name)
    }

    var wire: JSON { ["id": .string(id), "name": .string(name)] }

    /// The `actor_*` keys every vault event's data starts with.
    var eventData: JSONObject {
        ["actor_id": .string(id), "actor_source": "api", "actor_name": .string(name)]
    }
}
