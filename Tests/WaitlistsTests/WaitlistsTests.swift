import EmulatorCore
import EmulatorTesting
import Testing

/// Waitlists themselves: made by the control API or a scenario file (WorkOS's dashboard makes them),
/// read and listed through the API.
@Suite struct WaitlistsTests {
    @Test func theControlRouteMakesWaitlistsTheAPIReads() async throws {
        try await TestEmulator.run { api in
            let made = try await api.created("/_emulator/waitlists")
            let madeID = try made.id
            #expect(made["object"] == "waitlist" && madeID.hasPrefix("waitlist_"))
            let primary = try await api.created("/_emulator/waitlists", ["default": true])
            let primaryID = try primary.id
            #expect(try await api.get("/user_management/waitlists/default").json == primary)
            #expect(try await api.get("/user_management/waitlists/\(madeID)").json == made)
            let second = try await api.post("/_emulator/waitlists", ["default": true])
            #expect(second.status == .conflict && second.json["code"] == "default_waitlist_exists")
            let unknown = try await api.post("/_emulator/waitlists", ["name": "Beta"])
            #expect(unknown.status == .unprocessableContent && unknown.json["errors"]?.arrayValue?.first?["code"] == "unknown_field")

            // Every waitlist in one page, cursors null, whatever the limit.
            let all = try await api.get("/user_management/waitlists?limit=1").json
            #expect(all.ids == [primaryID, madeID])
            #expect(all["list_metadata"]?["before"] == .null && all["list_metadata"]?["after"] == .null)
            #expect(try await api.get("/user_management/waitlists?order=asc").json.ids == [madeID, primaryID])
            #expect(try await api.get("/user_management/waitlists?limit=0").status == .unprocessableContent)
            #expect(try await api.get("/user_management/waitlists/waitlist_missing").status == .notFound)

            // An entry can join a named waitlist.
            let entry = try await api.join("dana@example.com", madeID)
            let entryID = try entry.id
            #expect(entry["waitlist_id"] == made["id"])
            #expect(try await api.get("/user_management/waitlists/\(madeID)/entries").json.ids == [entryID])
            #expect(try await api.get("/user_management/waitlists/default/entries").json.ids.isEmpty)
        }
    }

    @Test func scenarioWaitlistsLoadWithTheirEntries() async throws {
        try await TestEmulator.run { api in
            let applied = try await api.post("/_emulator/scenarios", [
                "waitlists": [
                    "launch": ["default": true, "entries": [
                        ["email": "dana@example.com", "additional_fields": ["company": "Acme"]],
                        ["email": "erin@example.com", "state": "approved"],
                        ["email": "finn@example.com", "state": "denied"],
                    ]],
                    "partners": [:],
                ],
            ])
            #expect(applied.status == .created, "\(applied.text)")
            let launch = try #require(applied.json["created"]?["waitlists"]?["launch"]?["id"]?.stringValue)
            #expect(try await api.get("/user_management/waitlists/default").json["id"] == .string(launch))
            let entries = try await api.get("/user_management/waitlists/default/entries?order=asc").json["data"]?.arrayValue ?? []
            #expect(entries.map { $0["email"] } == ["dana@example.com", "erin@example.com", "finn@example.com"])
            #expect(entries.map { $0["state"] } == ["pending", "approved", "denied"])
            #expect(entries[0]["additional_fields"] == ["company": "Acme"])
            #expect(try await api.outbox(kind: "invitation").first?["to"] == "erin@example.com")
            #expect(try await api.get("/user_management/waitlists").json.ids.count == 2)
        }
    }

    @Test func badScenarioWaitlistsAreReportedWhereTheyAre() async throws {
        try await TestEmulator.run { api in
            let invalid = try await api.post("/_emulator/scenarios", [
                "waitlists": [
                    "a": ["default": true, "entries": [["email": "nope"], ["email": "x@example.com", "state": "maybe"]]],
                    "b": ["default": true, "colour": "red", "entries": [["email": "X@example.com"]]],
                ],
            ])
            #expect(invalid.status == .unprocessableContent && invalid.json["code"] == "scenario_invalid")
            let paths = (invalid.json["errors"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
            #expect(paths.contains("waitlists.a.entries[0].email"))
            #expect(paths.contains("waitlists.a.entries[1].state"))
            #expect(paths.contains("waitlists.b.default"))
            #expect(paths.contains("waitlists.b.colour"))
            #expect(paths.contains("waitlists.b.entries[0].email"))
            #expect(try await api.get("/user_management/waitlists").json.ids.isEmpty)
        }
    }
}
