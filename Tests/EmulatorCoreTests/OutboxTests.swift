import EmulatorCore
import Foundation
import GRDB
import Testing

@Suite struct OutboxTests {
    private func environment() throws -> Environment {
        let database = try DatabaseQueue()
        try Schema(areas: []).migrator.migrate(database)
        return Environment(id: "environment_test", name: "test", apiKey: "sk_test", clientID: "client_test",
                           database: database)
    }

    @Test func aMessageExistsOnlyIfItsTransactionCommits() async throws {
        struct Refused: Error {}
        let environment = try environment()
        await #expect(throws: Refused.self) {
            try await environment.write { tx in
                try tx.send(to: "a@example.com", kind: "test", subject: "lost")
                throw Refused()
            }
        }
        _ = try await environment.write { tx in try tx.send(to: "A@Example.com", kind: "test", subject: "kept", code: "123456") }
        let messages = try await environment.read { db in try OutboxMessage.fetchAll(db) }
        #expect(messages.map(\.subject) == ["kept"])
        #expect(messages.first?.recipient == "a@example.com")
    }

    @Test func nextHandsEachMessageOutOnceInOrder() async throws {
        let environment = try environment()
        environment.clock.set(Date(timeIntervalSince1970: 1_800_000_000), frozen: true)
        try await environment.write { tx in
            try tx.send(to: "a@example.com", kind: "first", subject: "1")
            try tx.send(to: "b@example.com", kind: "other", subject: "x")
            try tx.send(to: "a@example.com", kind: "second", subject: "2")
        }
        let filter = OutboxMessage.Filter(recipient: "A@example.com")
        let first = try await environment.nextOutboxMessage(filter, timeout: .milliseconds(50))
        let second = try await environment.nextOutboxMessage(filter, timeout: .milliseconds(50))
        let none = try await environment.nextOutboxMessage(filter, timeout: .milliseconds(50))
        #expect(first?.kind == "first")
        #expect(first?.claimedAt == environment.clock.now())
        #expect(second?.kind == "second")
        #expect(none == nil)
    }

    /// A waiter that only timed out would answer nil (nothing re-reads the outbox at the deadline), so
    /// the message proves the send woke it; the deadline is far beyond any run, not a timing bound.
    @Test func nextWakesWhenAMessageIsSent() async throws {
        let environment = try environment()
        async let waited = environment.nextOutboxMessage(OutboxMessage.Filter(recipient: "late@example.com"),
                                                         timeout: .seconds(300))
        try await Task.sleep(for: .milliseconds(100))
        _ = try await environment.write { tx in try tx.send(to: "late@example.com", kind: "late", subject: "hi") }
        #expect(try await waited?.kind == "late")
    }
}
