import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// Shortcuts the Agents suites share.
extension APIClient {
    func permission(_ slug: String) async throws {
        _ = try await created("/authorization/permissions", ["slug": .string(slug), "name": .string(slug)])
    }

    /// A new blueprint, answered whole.
    func blueprint(_ name: String = "Prospecting Agent", _ extra: JSONObject = [:]) async throws -> JSON {
        var body: JSONObject = ["name": .string(name)]
        for (key, value) in extra.pairs { body[key] = value }
        return try await created("/agents/blueprints", .object(body))
    }

    /// `POST /agents/blueprints/{id}/tokens`, insisting on 200.
    func mint(_ blueprintID: String, _ body: JSON) async throws -> JSON {
        let response = try await post("/agents/blueprints/\(blueprintID)/tokens", body)
        guard response.status == .ok else { throw TestFailure("mint answered \(response.status): \(response.text)") }
        return response.json
    }

    func validate(_ blueprintID: String, _ token: JSON) async throws -> APIResponse {
        try await post("/agents/blueprints/\(blueprintID)/tokens/validate", ["agent_access_token": token])
    }

    /// Stops the virtual clock, so the test alone moves it.
    func freezeClock() async throws {
        #expect(try await post("/_emulator/clock", ["frozen": true]).status == .ok)
    }

    func advanceClock(seconds: Int) async throws {
        #expect(try await post("/_emulator/clock", ["advance_seconds": .int(seconds)]).status == .ok)
    }
}
