import EmulatorCore
import Hummingbird

/// `POST /_emulator/scenarios`: apply a scenario (YAML or JSON body) to the key's environment.
struct ScenariosController: Sendable {
    let loader: ScenarioLoader

    func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("scenarios", use: apply)
    }

    @Sendable func apply(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let buffer = try await request.bodyBytes(upTo: 32 << 20)
        let scenario = try loader.validateForAPI(text: String(buffer: buffer))
        let environment = try context.env()
        let created = try await loader.apply(scenario, to: environment)
        return .json(["object": "scenario_result", "environment_id": .string(environment.id), "created": created],
                     status: .created)
    }
}

extension ScenarioLoader {
    /// Validation whose failure is the control API's 422 listing every problem.
    func validateForAPI(text: String) throws -> Validated {
        do { return try validate(text: text) } catch let invalid as Invalid { throw invalid.apiError }
    }

    func validateForAPI(_ json: JSON) throws -> Validated {
        do { return try validate(json) } catch let invalid as Invalid { throw invalid.apiError }
    }
}
