import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/_emulator/outbox`, fed by the messages User Management sends.
@Suite struct OutboxRoutesTests {
    private func magicCode(_ api: APIClient, _ email: String) async throws {
        let created = try await api.post("/user_management/magic_auth", ["email": .string(email)])
        guard created.status == .created else { throw TestFailure(created.text) }
    }

    @Test func listFiltersByEmailKindAndSince() async throws {
        try await TestEmulator.run { api in
            try await magicCode(api, "a@example.com")
            _ = try await api.post("/user_management/password_reset", ["email": "a@example.com"])
            try api.environment.clock.advance(by: 60)
            let since = Timestamp.format(try api.environment.clock.now())
            try await magicCode(api, "b@example.com")

            func kinds(_ query: String) async throws -> [JSON] {
                let list = try await api.get("/_emulator/outbox?\(query)")
                #expect(list.status == .ok && list.json["object"] == "list", "\(list.text)")
                return list.json["data"]?.arrayValue?.compactMap { $0["kind"] } ?? []
            }
            #expect(try await kinds("order=asc") == ["magic_auth", "password_reset", "magic_auth"])
            #expect(try await kinds("email=A@example.com&order=asc") == ["magic_auth", "password_reset"])
            #expect(try await kinds("kind=password_reset") == ["password_reset"])
            #expect(try await kinds("since=\(since)").count == 1)
            let message = try #require(try await api.get("/_emulator/outbox?limit=1").json["data"]?.arrayValue?.first)
            #expect(message["to"] == "b@example.com" && message["channel"] == "email" && message["related"]?["user_id"] != nil)
            for key in ["subject", "code", "token", "url", "created_at"] { #expect(message[key] != nil) }

            let unknown = try await api.get("/_emulator/outbox?mail=a@example.com")
            #expect(unknown.status == .unprocessableContent && unknown.json["errors"]?.arrayValue?.first?["field"] == "mail")
            #expect(try await api.get("/_emulator/outbox?since=yesterday").status == .unprocessableContent)
        }
    }

    @Test func nextWaitsForTheMessageAndTimesOutAs408() async throws {
        try await TestEmulator.run { api in
            async let waited = api.get("/_emulator/outbox/next?email=soon@example.com&timeout_ms=120000")
            try await Task.sleep(for: .milliseconds(200))
            // Sent through the write path directly: the test client sends one request at a time.
            _ = try await api.environment.write { tx in
                try tx.send(to: "soon@example.com", kind: "magic_auth", subject: "Your sign-in code is 123456", code: "123456")
            }
            let next = try await waited
            #expect(next.status == .ok && next.json["kind"] == "magic_auth" && next.json["claimed_at"] != .null)

            let started = ContinuousClock.now
            let timeout = try await api.get("/_emulator/outbox/next?email=soon@example.com&timeout_ms=200")
            #expect(started.duration(to: .now) >= .milliseconds(200))
            #expect(timeout.status == .requestTimeout && timeout.json["code"] == "outbox_timeout")
            #expect(try await api.get("/_emulator/outbox/next?timeout_ms=-1").status == .unprocessableContent)
            #expect(try await api.get("/_emulator/outbox/next?email=x@example.com&wait=1").status == .unprocessableContent)
        }
    }

    @Test func theOutboxIsScopedByTheKey() async throws {
        try await TestEmulator.run { api in
            let other = try await api.newEnvironment()
            try await magicCode(other, "scoped@example.com")
            #expect(try await api.with(apiKey: nil).get("/_emulator/outbox").json["data"] == [])
            #expect(try await other.get("/_emulator/outbox").json["data"]?.arrayValue?.count == 1)
            #expect(try await api.get("/_emulator/outbox/next?email=scoped@example.com&timeout_ms=0").status == .requestTimeout)
        }
    }
}
