import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/api_keys`: validating a secret value, expiring a key (now, later, or no longer) and deleting it.
@Suite struct KeyLifecycleTests {
    @Test func validationAnswersTheKeyOrNullAndStampsItsUse() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let created = try await api.created("/organizations/\(acme)/api_keys", ["name": "Production"])
            let found = try await api.validate(try created.value)
            #expect(try found.id == created.id && found["owner"] == created["owner"] && found["value"] == nil)
            let stamp = try #require(found["last_used_at"]?.stringValue)
            #expect(Timestamp.parse(stamp) != nil)
            #expect(try await api.get("/organizations/\(acme)/api_keys").json["data"]?.arrayValue?.first?["last_used_at"] == .string(stamp))

            #expect(try await api.validate("sk_not_a_key") == .null)
            let value = try created.value
            // The same value but its last character, changed to one it is not (it may have been an "x").
            #expect(try await api.validate(String(value.dropLast()) + (value.last == "x" ? "y" : "x")) == .null)
            let missing = try await api.post("/api_keys/validations", [:])
            #expect(missing.status == .unprocessableContent && missing.json["errors"]?.arrayValue?.first?["field"] == "value")
        }
    }

    @Test func expiringNowLaterOrNeverIsAnnouncedWithThePreviousExpiry() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.post("/_emulator/clock", ["frozen": true]).status == .ok)
            let acme = try await api.organization()
            let created = try await api.created("/organizations/\(acme)/api_keys", ["name": "Production"])
            let id = try created.id
            let value = try created.value

            let later = Timestamp.format(try api.environment.clock.now().addingTimeInterval(3600))
            let scheduled = try await api.post("/api_keys/\(id)/expire", ["expires_at": .string(later)])
            #expect(scheduled.status == .ok && scheduled.json["expires_at"] == .string(later))
            #expect(scheduled.json["object"] == "api_key" && scheduled.json["value"] == nil)
            #expect(try await api.post("/api_keys/\(id)/expire", ["expires_at": .string(later)]).json == scheduled.json)
            try await api.advanceClock(seconds: 3599)
            #expect(try await api.validate(value)["id"] == .string(id))

            let cleared = try await api.post("/api_keys/\(id)/expire", ["expires_at": nil])
            #expect(cleared.status == .ok && cleared.json["expires_at"] == .null)
            try await api.advanceClock(seconds: 2)
            #expect(try await api.validate(value)["id"] == .string(id))

            let now = try await api.post("/api_keys/\(id)/expire")
            #expect(now.status == .ok)
            #expect(now.json["expires_at"] == .string(Timestamp.format(try api.environment.clock.now())))
            #expect(try await api.validate(value) == .null)
            let again = try await api.post("/api_keys/\(id)/expire", ["expires_at": "2099-01-01T00:00:00Z"])
            #expect(again.status == .conflict && again.json["code"] == "api_key_already_expired")

            let events = try await api.apiKeyEvents()
            #expect(events.map(\.event) == ["api_key.created", "api_key.updated", "api_key.updated", "api_key.updated"])
            #expect(events[1].data["previous_attributes"] == ["expires_at": nil] && events[1].data["expires_at"] == .string(later))
            #expect(events[2].data["previous_attributes"] == ["expires_at": .string(later)] && events[2].data["expires_at"] == .null)
            #expect(events[3].data["previous_attributes"] == ["expires_at": nil])
        }
    }

    @Test func aPastExpiryExpiresAtOnceAndBadOnesAreRefused() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let created = try await api.created("/organizations/\(acme)/api_keys", ["name": "Production"])
            let id = try created.id
            #expect(try await api.post("/api_keys/\(id)/expire", ["expires_at": "soon"]).status == .unprocessableContent)
            #expect(try await api.post("/api_keys/\(id)/expire", ["expires_at": 5]).status == .unprocessableContent)
            let past = try await api.post("/api_keys/\(id)/expire", ["expires_at": "2000-01-01T00:00:00Z"])
            #expect(past.status == .ok && past.json["expires_at"] != "2000-01-01T00:00:00.000Z")
            #expect(try await api.validate(try created.value) == .null)
            let missing = try await api.post("/api_keys/api_key_missing/expire")
            #expect(missing.status == .notFound && missing.json["message"] == "API Key not found: 'api_key_missing'.")
        }
    }

    @Test func deletingRevokesTheKeyForGood() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let created = try await api.created("/organizations/\(acme)/api_keys", ["name": "Production"])
            let id = try created.id
            #expect(try await api.delete("/api_keys/\(id)").status == .noContent)
            #expect(try await api.validate(try created.value) == .null)
            #expect(try await api.get("/organizations/\(acme)/api_keys").json.ids.isEmpty)
            #expect(try await api.delete("/api_keys/\(id)").status == .notFound)
            #expect(try await api.post("/api_keys/\(id)/expire").status == .notFound)
            let events = try await api.apiKeyEvents()
            #expect(events.map(\.event) == ["api_key.created", "api_key.revoked"])
            #expect(events.last?.data == created.withoutValue)
        }
    }

    @Test func keysOfOneEnvironmentDoNotValidateInAnother() async throws {
        try await TestEmulator.run { api in
            let created = try await api.created("/organizations/\(try await api.organization())/api_keys", ["name": "k"])
            let other = try await api.newEnvironment()
            #expect(try await other.validate(try created.value) == .null)
            #expect(try await other.delete("/api_keys/\(try created.id)").status == .notFound)
        }
    }
}
