import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/radar/lists/{type}/{action}`: adding (once), removing, and refusing what is not a list or an entry.
@Suite struct ListTests {
    @Test func addingTwiceAnswersAlreadyPresent() async throws {
        try await TestEmulator.run { api in
            let first = try await api.post("/radar/lists/email/block", ["entry": "eve@example.com"])
            #expect(first.status == .noContent)
            // Emails compare without regard to case.
            let again = try await api.post("/radar/lists/email/block", ["entry": "EVE@example.com"])
            #expect(again.status == .ok && again.json == ["message": "Entry already present in list"])
            // The allow list is another list.
            #expect(try await api.post("/radar/lists/email/allow", ["entry": "eve@example.com"]).status == .noContent)
        }
    }

    @Test func removingTakesTheEntryOffTheList() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/radar/lists/ip_address/block", ["entry": "198.51.100.42"])
            #expect(try await api.assess(ip: "198.51.100.42")["verdict"] == "block")
            let removed = try await api.delete("/radar/lists/ip_address/block", ["entry": "198.51.100.42"])
            #expect(removed.status == .noContent)
            #expect(try await api.assess(ip: "198.51.100.42")["verdict"] == "allow")
            let again = try await api.delete("/radar/lists/ip_address/block", ["entry": "198.51.100.42"])
            #expect(again.status == .notFound && again.json["message"] != nil)
        }
    }

    @Test func badListsAndEntriesAre400s() async throws {
        try await TestEmulator.run { api in
            let cases: [(String, JSON)] = [
                ("/radar/lists/phone/block", ["entry": "+15555550100"]),
                ("/radar/lists/email/maybe", ["entry": "eve@example.com"]),
                ("/radar/lists/email/block", ["entry": "not-an-email"]),
                ("/radar/lists/ip_address/block", ["entry": "999.1.1.1"]),
                ("/radar/lists/domain/allow", ["entry": "a@b.com"]),
                ("/radar/lists/country/block", ["entry": "Narnia"]),
                ("/radar/lists/user_agent/block", ["entry": 7]),
                ("/radar/lists/user_agent/block", [:]),
            ]
            for (path, body) in cases {
                let response = try await api.post(path, body)
                #expect(response.status == .badRequest && response.json["message"] != nil, "\(path) \(body.text): \(response.text)")
            }
            #expect(try await api.post("/radar/lists/ip_address/allow", ["entry": "2001:db8::1"]).status == .noContent)
            #expect(try await api.post("/radar/lists/country/block", ["entry": "KP"]).status == .noContent)
        }
    }
}
