import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

@Suite struct ClockTests {
    @Test func advanceMovesEveryTimestamp() async throws {
        try await TestEmulator.run { api in
            let before = try await api.get("/_emulator/clock").json
            #expect(before["frozen"] == false)
            let advanced = try await api.post("/_emulator/clock", ["advance_seconds": 86_400]).json
            let offset = try #require(advanced["offset_ms"]?.intValue)
            #expect(abs(offset - 86_400_000) < 1000)
            let org = try await api.post("/organizations", ["name": "Tomorrow"]).json
            let created = try #require(Timestamp.parse(org["created_at"]?.stringValue ?? ""))
            #expect(abs(created.timeIntervalSinceNow - 86_400) < 5)
        }
    }

    @Test func setAndFreezePinsTime() async throws {
        try await TestEmulator.run { api in
            let pinned = try await api.post("/_emulator/clock", ["now": "2030-01-01T00:00:00.000Z", "frozen": true]).json
            #expect(pinned["now"] == "2030-01-01T00:00:00.000Z")
            #expect(pinned["frozen"] == true)
            let first = try await api.post("/organizations", ["name": "A"]).json
            let second = try await api.post("/organizations", ["name": "B"]).json
            #expect(first["created_at"] == "2030-01-01T00:00:00.000Z")
            #expect(second["created_at"] == "2030-01-01T00:00:00.000Z")
            // IDs still order by creation within the frozen millisecond.
            let listed = try await api.get("/organizations?order=asc").json["data"]?.arrayValue?.map { $0["name"] }
            #expect(listed == ["A", "B"])

            let moved = try await api.post("/_emulator/clock", ["advance_seconds": 90]).json
            #expect(moved["now"] == "2030-01-01T00:01:30.000Z")
            let released = try await api.post("/_emulator/clock", ["frozen": false]).json
            #expect(released["frozen"] == false)
        }
    }

    @Test func eachEnvironmentHasItsOwnClockAndResetRestoresRealTime() async throws {
        try await TestEmulator.run { api in
            let other = try await api.newEnvironment()
            _ = try await other.post("/_emulator/clock", ["now": "2001-01-01T00:00:00Z", "frozen": true])
            #expect(try await other.get("/_emulator/clock").json["now"] == "2001-01-01T00:00:00.000Z")
            #expect(try await api.get("/_emulator/clock").json["offset_ms"]?.intValue.map { abs($0) < 1000 } == true)
            _ = try await other.post("/_emulator/reset")
            #expect(try await other.get("/_emulator/clock").json["frozen"] == false)
        }
    }

    @Test func badClockRequestsAre422() async throws {
        try await TestEmulator.run { api in
            for body: JSON in [[:], ["advance_seconds": 1, "now": "2030-01-01T00:00:00Z"], ["now": "tomorrow"],
                               ["advance_seconds": "ten"], ["speed": 2]] {
                let status = try await api.post("/_emulator/clock", body).status
                #expect(status == .unprocessableContent, "\(body.text)")
            }
        }
    }
}
