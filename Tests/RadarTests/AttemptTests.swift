import EmulatorCore
import EmulatorTesting
import Foundation
import GRDB
import Testing

/// `/radar/attempts`: verdicts decided by the environment's lists, and outcomes reported back.
@Suite struct AttemptTests {
    @Test func anAttemptNoListMentionsIsAllowed() async throws {
        try await TestEmulator.run { api in
            let verdict = try await api.assess()
            #expect(verdict["verdict"] == "allow" && verdict["reason"] == "No Radar control triggered")
            #expect(try #require(verdict["attempt_id"]?.stringValue).hasPrefix("radar_att_"))
            #expect(verdict["control"] == nil && verdict["blocklist_type"] == nil)
        }
    }

    @Test func eachKindOfBlockEntryBlocksAndNamesItsList() async throws {
        try await TestEmulator.run { api in
            let entries = [("email", "Eve@Example.com"), ("domain", "evil.test"), ("ip_address", "198.51.100.42"),
                           ("user_agent", "curl/8.0"), ("device_fingerprint", "fp_123")]
            for (type, entry) in entries {
                let added = try await api.post("/radar/lists/\(type)/block", ["entry": .string(entry)])
                #expect(added.status == .noContent, "\(type): \(added.text)")
            }
            #expect(try await api.assess(email: "eve@example.com")["blocklist_type"] == "email")
            #expect(try await api.assess(email: "mallory@EVIL.test")["blocklist_type"] == "domain")
            #expect(try await api.assess(ip: "198.51.100.42")["blocklist_type"] == "ip_address")
            #expect(try await api.assess(userAgent: "curl/8.0")["blocklist_type"] == "user_agent")
            let byDevice = try await api.assess(signalsID: "fp_123")
            #expect(byDevice["verdict"] == "block" && byDevice["control"] == "restriction")
            #expect(byDevice["blocklist_type"] == "device_fingerprint")
            // Someone else, from elsewhere, is still allowed.
            #expect(try await api.assess(email: "ada@example.com", ip: "203.0.113.9")["verdict"] == "allow")
        }
    }

    @Test func anAllowEntryWinsOverABlockEntry() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/radar/lists/ip_address/block", ["entry": "198.51.100.42"])
            _ = try await api.post("/radar/lists/email/allow", ["entry": "ada@example.com"])
            let verdict = try await api.assess(email: "ada@example.com", ip: "198.51.100.42")
            #expect(verdict["verdict"] == "allow" && verdict["control"] == nil)
            #expect(try await api.assess(email: "bob@example.com", ip: "198.51.100.42")["verdict"] == "block")
        }
    }

    @Test func listsBelongToTheirEnvironment() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/radar/lists/email/block", ["entry": "eve@example.com"])
            let other = try await api.newEnvironment()
            #expect(try await other.assess(email: "eve@example.com")["verdict"] == "allow")
            #expect(try await api.assess(email: "eve@example.com")["verdict"] == "block")
        }
    }

    @Test func reportingAnOutcomeRecordsItOnTheAttempt() async throws {
        try await TestEmulator.run { api in
            let id = try #require(try await api.assess()["attempt_id"]?.stringValue)
            let reported = try await api.put("/radar/attempts/\(id)", ["challenge_status": "success", "attempt_status": "success"])
            #expect(reported.status == .noContent)
            let stored = try await api.environment.read { db in
                try String.fetchAll(db, sql: "SELECT challenge_status || '/' || attempt_status FROM radar_attempts WHERE id = ?",
                                    arguments: [id])
            }
            #expect(stored == ["success/success"])

            let unknown = try await api.put("/radar/attempts/radar_att_missing", ["attempt_status": "success"])
            #expect(unknown.status == .notFound && unknown.json["message"] != nil)
            let wrong = try await api.put("/radar/attempts/\(id)", ["attempt_status": "failed"])
            #expect(wrong.status == .badRequest && wrong.json["message"] != nil)
        }
    }

    @Test func aMalformedAttemptIsA400() async throws {
        try await TestEmulator.run { api in
            let good: JSON = ["email": "ada@example.com", "ip_address": "203.0.113.7", "user_agent": "Mozilla/5.0",
                              "auth_method": "Password", "action": "sign-in"]
            for (key, value) in [("email", JSON.null), ("ip_address", "not-an-ip"), ("auth_method", "Telepathy"),
                                 ("action", "sign-out"), ("user_agent", 42), ("signals_id", true)] as [(String, JSON)] {
                var body = good
                body.set(key, value)
                let response = try await api.post("/radar/attempts", body)
                #expect(response.status == .badRequest && response.json["message"] != nil, "\(key): \(response.text)")
            }
        }
    }
}
