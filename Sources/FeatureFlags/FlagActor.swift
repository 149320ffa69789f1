import EmulatorCore

/// Who changed a flag, for the `context` every flag event carries: the API (an API key of the
/// environment) or the dashboard, which the emulator's control route and scenario files stand in for.
struct FlagActor: Sendable {
    let clientID: String?
    let id: String
    let source: String

    /// A change through the API of this environment.
    static func api(_ environment: Environment) -> FlagActor {
        FlagActor(clientID: environment.clientID, id: environment.id, source: "api")
    }

    /// A change through the control API, as if made in the dashboard.
    static func dashboard(_ environment: Environment) -> FlagActor {
        FlagActor(clientID: environment.clientID, id: environment.id, source: "dashboard")
    }

    /// A scenario file's flag: the transaction that applies it does not know the environment's client ID.
    static let scenario = FlagActor(clientID: nil, id: "scenario", source: "dashboard")

    var context: JSON {
        var context: JSONObject = [:]
        if let clientID { context["client_id"] = .string(clientID) }
        context["actor"] = ["id": .string(id), "source": .string(source), "name": nil]
        return .object(context)
    }
}
