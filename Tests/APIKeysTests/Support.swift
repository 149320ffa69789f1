import EmulatorCore
import EmulatorTesting
import Foundation
import GRDB
import Testing

/// Shortcuts the API Keys suites share.
extension APIClient {
    /// The logged events whose type starts with `api_key.`, oldest first.
    func apiKeyEvents() async throws -> [Event] {
        try await environment.read { db in
            try Event.filter(Column("event").like("api_key.%")).order(Column("id")).fetchAll(db)
        }
    }

    func user(_ email: String) async throws -> String {
        try await created("/user_management/users", ["email": .string(email)]).id
    }

    func permission(_ slug: String) async throws {
        _ = try await created("/authorization/permissions", ["slug": .string(slug), "name": .string(slug)])
    }

    /// `POST /api_keys/validations`, answering the key it recognised (null when none).
    func validate(_ value: String) async throws -> JSON {
        let answer = try await post("/api_keys/validations", ["value": .string(value)])
        guard answer.status == .ok else { throw TestFailure("validation answered \(answer.status): \(answer.text)") }
        return answer.json["api_key"] ?? .null
    }

    func advanceClock(seconds: Int) async throws {
        #expect(try await post("/_emulator/clock", ["advance_seconds": .int(seconds)]).status == .ok)
    }
}

extension JSON {
    var value: String {
        get throws { try #require(self["value"]?.stringValue) }
    }

    /// The object without its secret `value`: what every later answer about the key shows.
    var withoutValue: JSON {
        var object = objectValue ?? [:]
        object["value"] = nil
        return .object(object)
    }
}
