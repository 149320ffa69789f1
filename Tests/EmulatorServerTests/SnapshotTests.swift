import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct SnapshotTests {
    @Test func restoreGivesByteIdenticalAnswers() async throws {
        try await TestEmulator.run { api in
            let kept = try await api.post("/organizations", ["name": "Kept", "domains": ["kept.com"]]).json
            let keptID = try #require(kept["id"]?.stringValue)
            #expect(try await api.post("/_emulator/snapshots", ["name": "baseline"]).status == .created)
            let listBefore = try await api.get("/organizations").body
            let oneBefore = try await api.get("/organizations/\(keptID)").body

            _ = try await api.post("/organizations", ["name": "Added later"])
            _ = try await api.put("/organizations/\(keptID)", ["name": "Renamed"])
            #expect(try await api.get("/organizations").body != listBefore)

            let restored = try await api.post("/_emulator/snapshots/baseline/restore")
            #expect(restored.status == .ok)
            #expect(try await api.get("/organizations").body == listBefore)
            #expect(try await api.get("/organizations/\(keptID)").body == oneBefore)
        }
    }

    @Test func aSnapshotSeedsNewEnvironmentsAndCarriesTheClock() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/_emulator/clock", ["now": "2030-06-01T12:00:00Z", "frozen": true])
            _ = try await api.post("/organizations", ["name": "Seeded"])
            _ = try await api.post("/_emulator/snapshots", ["name": "world"])

            let control = api.with(apiKey: nil)
            let forks = try await (0..<3).asyncMap { _ in
                try await control.post("/_emulator/environments", ["snapshot": "world"]).json
            }
            for fork in forks {
                let client = api.with(apiKey: fork["api_key"]?.stringValue)
                #expect(try await client.get("/organizations").json["data"]?.arrayValue?.map { $0["name"] } == ["Seeded"])
                #expect(try await client.get("/_emulator/clock").json["now"] == "2030-06-01T12:00:00.000Z")
            }
            // Forks are independent of each other.
            let first = api.with(apiKey: forks[0]["api_key"]?.stringValue)
            _ = try await first.post("/organizations", ["name": "Only in the first fork"])
            let second = api.with(apiKey: forks[1]["api_key"]?.stringValue)
            #expect(try await second.get("/organizations").json["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func snapshotErrors() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.post("/_emulator/snapshots/nothing/restore").status == .notFound)
            #expect(try await api.post("/_emulator/snapshots", ["name": "../etc"]).status == .unprocessableContent)
            #expect(try await api.post("/_emulator/snapshots", [:]).status == .unprocessableContent)
            #expect(try await api.with(apiKey: nil).post("/_emulator/environments", ["snapshot": "nothing"]).status == .notFound)
            _ = try await api.post("/_emulator/snapshots", ["name": "gone"])
            #expect(try await api.get("/_emulator/snapshots").json["data"]?.arrayValue?.count == 1)
            #expect(try await api.delete("/_emulator/snapshots/gone").status == .noContent)
            #expect(try await api.get("/_emulator/snapshots").json["data"] == [])
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
