import EmulatorCore
import EmulatorTesting
import GRDB
import Testing

/// Shortcuts the User Management suites share.
extension APIClient {
    /// The types of the logged events whose type starts with `prefix`, oldest first.
    func events(_ prefix: String = "") async throws -> [String] {
        try await environment.read { db in
            try Event.filter(Column("event").like("\(prefix)%")).order(Column("id")).fetchAll(db).map(\.event)
        }
    }

    func user(_ email: String, _ fields: JSONObject = [:]) async throws -> JSON {
        var body = fields
        body["email"] = .string(email)
        let created = try await post("/user_management/users", .object(body))
        guard created.status == .created else { throw TestFailure("user not created: \(created.text)") }
        return created.json
    }

    func membership(user userID: String, organization organizationID: String, _ fields: JSONObject = [:]) async throws -> JSON {
        var body = fields
        body["user_id"] = .string(userID)
        body["organization_id"] = .string(organizationID)
        let created = try await post("/user_management/organization_memberships", .object(body))
        guard created.status == .created else { throw TestFailure("membership not created: \(created.text)") }
        return created.json
    }

    /// The next outbox message for the address, as a test reads a code it was "sent".
    func nextMessage(to email: String) async throws -> JSON {
        let next = try await get("/_emulator/outbox/next?email=\(email)&timeout_ms=2000")
        guard next.status == .ok else { throw TestFailure("no message for \(email): \(next.text)") }
        return next.json
    }
}

