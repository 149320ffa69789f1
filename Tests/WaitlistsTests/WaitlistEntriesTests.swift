import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/user_management/waitlists/{id}/entries` and `/user_management/waitlist_entries/{id}`: joining,
/// listing with filters, approving (which invites), denying and deleting.
@Suite struct WaitlistEntriesTests {
    @Test func theFirstEntryMakesTheDefaultWaitlistAndAnAddressJoinsOnce() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.get("/user_management/waitlists/default").status == .notFound)
            #expect(try await api.get("/user_management/waitlists/default/entries").status == .notFound)
            let entry = try await api.join(" Dana@Example.com ", "default",
                                           ["additional_fields": ["company": "Acme"], "send_confirmation_email": true])
            #expect(entry["object"] == "waitlist_entry" && entry["email"] == "dana@example.com")
            #expect(entry["state"] == "pending" && entry["approved_at"] == .null)
            #expect(entry["additional_fields"] == ["company": "Acme"])
            #expect(try entry.id.hasPrefix("wl_user_"))
            let waitlist = try await api.get("/user_management/waitlists/default")
            #expect(waitlist.status == .ok && waitlist.json["object"] == "waitlist")
            #expect(entry["waitlist_id"] == waitlist.json["id"])

            // The same address again: its entry, unchanged, and no second email.
            let again = try await api.join("dana@example.com", "default", ["additional_fields": ["company": "Other"]])
            #expect(again == entry)
            let confirmations = try await api.outbox(kind: "waitlist_confirmation")
            #expect(confirmations.count == 1 && confirmations.first?["to"] == "dana@example.com")
            _ = try await api.join("erin@example.com")
            #expect(try await api.outbox(kind: "waitlist_confirmation").count == 1)

            let created = try await api.events("waitlist_user.")
            #expect(created.map(\.event) == ["waitlist_user.created", "waitlist_user.created"])
            #expect(created[0].data["object"] == "waitlist_user" && created[0].data["id"] == entry["id"])
        }
    }

    @Test func badEntriesAreRefusedWithWorkOSErrors() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.post("/user_management/waitlists/waitlist_missing/entries", ["email": "a@example.com"]).status
                == .notFound)
            let invalid = try await api.post("/user_management/waitlists/default/entries", ["email": "not-an-address"])
            #expect(invalid.status == .unprocessableContent && invalid.json["errors"]?.arrayValue?.first?["field"] == "email")
            let badFields = try await api.post("/user_management/waitlists/default/entries",
                                               ["email": "a@example.com", "additional_fields": ["n": 5]])
            #expect(badFields.status == .unprocessableContent && badFields.json["errors"]?.arrayValue?.first?["field"] == "additional_fields")
            let longKey = String(repeating: "k", count: 41)
            #expect(try await api.post("/user_management/waitlists/default/entries",
                                       ["email": "a@example.com", "additional_fields": .object([longKey: "v"])]).status
                == .unprocessableContent)
            _ = try await api.created("/user_management/users", ["email": "user@example.com"])
            let existing = try await api.post("/user_management/waitlists/default/entries", ["email": "user@example.com"])
            #expect(existing.status == .unprocessableContent && existing.json["code"] == "user_already_exists")
            #expect(try await api.get("/user_management/waitlists/default").status == .notFound)  // nothing joined
            _ = try await api.join("a@example.com")
            let badState = try await api.get("/user_management/waitlists/default/entries?state=maybe")
            #expect(badState.status == .unprocessableContent && badState.json["errors"]?.arrayValue?.first?["field"] == "state")
        }
    }

    @Test func entriesListByStateAndEmailWithCursors() async throws {
        try await TestEmulator.run { api in
            let a = try await api.join("a@example.com").id
            let b = try await api.join("b@example.com").id
            let c = try await api.join("c@example.com").id
            #expect(try await api.post("/user_management/waitlist_entries/\(b)/deny").status == .ok)
            let path = "/user_management/waitlists/default/entries"
            #expect(try await api.get(path).json.ids == [c, b, a])
            #expect(try await api.get("\(path)?order=asc").json.ids == [a, b, c])
            let first = try await api.get("\(path)?limit=2&order=asc").json
            #expect(first.ids == [a, b] && first["list_metadata"]?["after"] == .string(b))
            #expect(try await api.get("\(path)?limit=2&order=asc&after=\(b)").json.ids == [c])
            #expect(try await api.get("\(path)?state=pending").json.ids == [c, a])
            #expect(try await api.get("\(path)?state=denied").json.ids == [b])
            #expect(try await api.get("\(path)?email=C@Example.com").json.ids == [c])
        }
    }

    @Test func approvingInvitesTheAddressAndStandsWhenItCannot() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.post("/_emulator/clock", ["frozen": true]).status == .ok)
            let entry = try await api.join("dana@example.com")
            let id = try entry.id
            let approved = try await api.post("/user_management/waitlist_entries/\(id)/approve")
            #expect(approved.status == .ok && approved.json["state"] == "approved")
            let now = try api.environment.clock.now()
            #expect(approved.json["approved_at"] == .string(Timestamp.format(now)))
            let invitations = try await api.get("/user_management/invitations?email=dana@example.com").json
            #expect(invitations["data"]?.arrayValue?.first?["state"] == "pending" && invitations["data"]?.arrayValue?.first?["organization_id"] == .null)
            let mail = try await api.outbox(kind: "invitation")
            #expect(mail.count == 1 && mail.first?["to"] == "dana@example.com")
            #expect(mail.first?["related"]?["invitation_id"] == invitations["data"]?.arrayValue?.first?["id"])

            let twice = try await api.post("/user_management/waitlist_entries/\(id)/approve")
            #expect(twice.status == .unprocessableContent && twice.json["code"] == "invalid_state")
            let deny = try await api.post("/user_management/waitlist_entries/\(id)/deny")
            #expect(deny.status == .unprocessableContent && deny.json["code"] == "invalid_state")

            // Denied, then approved after the address got a user: approved, but no invitation is made.
            let erin = try await api.join("erin@example.com").id
            let denied = try await api.post("/user_management/waitlist_entries/\(erin)/deny")
            #expect(denied.status == .ok && denied.json["state"] == "denied" && denied.json["approved_at"] == .null)
            _ = try await api.created("/user_management/users", ["email": "erin@example.com"])
            let reversed = try await api.post("/user_management/waitlist_entries/\(erin)/approve")
            #expect(reversed.status == .ok && reversed.json["state"] == "approved")
            #expect(try await api.get("/user_management/invitations?email=erin@example.com").json.ids.isEmpty)

            let events = try await api.events("waitlist_user.").map(\.event)
            #expect(events == ["waitlist_user.created", "waitlist_user.approved", "waitlist_user.created",
                               "waitlist_user.denied", "waitlist_user.approved"])
            #expect(try await api.post("/user_management/waitlist_entries/wl_user_missing/approve").status == .notFound)
            #expect(try await api.post("/user_management/waitlist_entries/wl_user_missing/deny").status == .notFound)
        }
    }

    @Test func deletingAnEntryLetsTheAddressJoinAgainAndKeepsItsInvitation() async throws {
        try await TestEmulator.run { api in
            let id = try await api.join("dana@example.com").id
            #expect(try await api.post("/user_management/waitlist_entries/\(id)/approve").status == .ok)
            #expect(try await api.delete("/user_management/waitlist_entries/\(id)").status == .noContent)
            #expect(try await api.delete("/user_management/waitlist_entries/\(id)").status == .notFound)
            #expect(try await api.get("/user_management/waitlists/default/entries").json.ids.isEmpty)
            #expect(try await api.get("/user_management/invitations?email=dana@example.com").json["data"]?.arrayValue?.first?["state"]
                == "pending")
            let rejoined = try await api.join("dana@example.com")
            #expect(try rejoined.id != id)
            #expect(rejoined["state"] == "pending")
        }
    }
}
