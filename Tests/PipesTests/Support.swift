import EmulatorCore
import EmulatorTesting
import Foundation
import GRDB
import Testing

/// Shortcuts the Pipes suites share.
extension APIClient {
    /// The logged events whose type starts with `pipes.`, oldest first.
    func pipesEvents() async throws -> [Event] {
        try await environment.read { db in
            try Event.filter(Column("event").like("pipes.%")).order(Column("id")).fetchAll(db)
        }
    }

    func user(_ email: String) async throws -> String {
        try await created("/user_management/users", ["email": .string(email)]).id
    }
}
