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

    /// Makes the user a member of the organization, answering the membership's ID.
    @discardableResult
    func member(_ userID: String, of organizationID: String) async throws -> String {
        try await created("/user_management/organization_memberships", [
            "user_id": .string(userID), "organization_id": .string(organizationID),
        ]).id
    }
}
