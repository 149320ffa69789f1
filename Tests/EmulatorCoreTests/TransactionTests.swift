import EmulatorCore
import GRDB
import Testing

@Suite struct TransactionTests {
    private struct Refused: Error {}

    private func environment(observers: [EventObserver]) throws -> Environment {
        let database = try DatabaseQueue()
        try Schema(areas: []).migrator.migrate(database)
        return Environment(id: "environment_test", name: "test", apiKey: "sk_test", clientID: "client_test",
                           database: database, observers: observers)
    }

    private func eventTypes(_ environment: Environment) async throws -> [String] {
        try await environment.read { db in try Event.order(Column("id")).fetchAll(db).map(\.event) }
    }

    @Test func observersFollowEveryEventInTheSameTransaction() async throws {
        let follow: EventObserver = { tx, event in
            if event.event == "thing.created" { try tx.emit("thing.followed", ["of": .string(event.id)]) }
        }
        let environment = try environment(observers: [follow])
        try await environment.write { tx in _ = try tx.emit("thing.created", ["object": "thing"]) }
        #expect(try await eventTypes(environment) == ["thing.created", "thing.followed"])
    }

    @Test func aFailingObserverRollsTheChangeBack() async throws {
        let refuse: EventObserver = { _, event in if event.event == "thing.deleted" { throw Refused() } }
        let environment = try environment(observers: [refuse])
        try await environment.write { tx in _ = try tx.emit("thing.created", [:]) }
        await #expect(throws: Refused.self) {
            try await environment.write { tx in _ = try tx.emit("thing.deleted", [:]) }
        }
        #expect(try await eventTypes(environment) == ["thing.created"])
    }

    @Test func eventsShareTheTransactionsInstantAndOrder() async throws {
        let environment = try environment(observers: [])
        let events = try await environment.write { tx in
            try (0..<50).map { index in try tx.emit("n.\(index)", [:]) }
        }
        #expect(Set(events.map(\.createdAt)).count == 1)
        #expect(events.map(\.id) == events.map(\.id).sorted())
        #expect(try await eventTypes(environment) == (0..<50).map { "n.\($0)" })
    }
}
