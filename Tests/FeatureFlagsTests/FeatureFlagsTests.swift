import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct FeatureFlagsTests {
    @Test func theControlRouteMakesFlagsTheAPIReads() async throws {
        try await TestEmulator.run { api in
            let created = try await api.flag("advanced-analytics", [
                "name": "Advanced Analytics", "description": "The new dashboard", "tags": ["reports"],
            ])
            #expect(try created.id.hasPrefix("flag_"))
            #expect(created["object"] == "feature_flag" && created["slug"] == "advanced-analytics")
            #expect(created["name"] == "Advanced Analytics" && created["description"] == "The new dashboard")
            #expect(created["owner"] == .null && created["tags"] == ["reports"])
            #expect(created["enabled"] == false && created["default_value"] == false)
            #expect(created["created_at"]?.stringValue?.hasSuffix("Z") == true)
            #expect(try await api.get("/feature-flags/advanced-analytics").json == created)

            let bare = try await api.flag("beta")
            #expect(bare["name"] == "beta" && bare["description"] == .null && bare["tags"] == [])

            let events = try await api.flagEvents()
            #expect(events.map(\.event) == ["flag.created", "flag.created"])
            let data = try #require(events.first?.data)
            #expect(data["environment_id"] == .string(try api.environment.id))
            for key in created.objectValue?.keys ?? [] { #expect(data[key] == created[key], "\(key)") }
            #expect(events.first?.context?["actor"]?["source"] == "dashboard")
            #expect(events.first?.context?["client_id"] == .string(try api.environment.clientID))
        }
    }

    @Test func listIsPaginated() async throws {
        try await TestEmulator.run { api in
            for slug in ["a", "b", "c"] { _ = try await api.flag(slug) }
            #expect(try await api.get("/feature-flags").json.slugs == ["c", "b", "a"])
            let first = try await api.get("/feature-flags?limit=2&order=asc").json
            #expect(first.slugs == ["a", "b"])
            let after = try #require(first["list_metadata"]?["after"]?.stringValue)
            #expect(try await api.get("/feature-flags?limit=2&order=asc&after=\(after)").json.slugs == ["c"])
            #expect(try await api.get("/feature-flags?limit=0").status == .unprocessableContent)
        }
    }

    @Test func enableAndDisableAnnounceOnlyChanges() async throws {
        try await TestEmulator.run { api in
            _ = try await api.flag("beta")
            let enabled = try await api.put("/feature-flags/beta/enable", [:])
            #expect(enabled.status == .ok && enabled.json["enabled"] == true && enabled.json["object"] == "feature_flag")
            #expect(try await api.put("/feature-flags/beta/enable", [:]).json == enabled.json)
            #expect(try await api.get("/feature-flags/beta").json["enabled"] == true)
            let disabled = try await api.put("/feature-flags/beta/disable", [:])
            #expect(disabled.status == .ok && disabled.json["enabled"] == false)

            let events = try await api.flagEvents()
            #expect(events.map(\.event) == ["flag.created", "flag.updated", "flag.updated"])
            #expect(events[1].data["enabled"] == true && events[2].data["enabled"] == false)
            #expect(events[1].context?["previous_attributes"]?["data"]?["enabled"] == false)
            #expect(events[1].context?["actor"]?["source"] == "api")

            for path in ["/feature-flags/nope/enable", "/feature-flags/nope/disable"] {
                let missing = try await api.put(path, [:])
                #expect(missing.status == .notFound && missing.json["message"] == "Feature flag not found: 'nope'.")
            }
            #expect(try await api.get("/feature-flags/nope").status == .notFound)
        }
    }

    @Test func badControlBodiesAreRefused() async throws {
        try await TestEmulator.run { api in
            _ = try await api.flag("beta")
            let taken = try await api.post("/_emulator/feature_flags", ["slug": "beta"])
            #expect(taken.status == .conflict && taken.json["code"] == "feature_flag_slug_conflict")
            for body: JSON in [
                [:],
                ["slug": "Upper"],
                ["slug": "-dash"],
                ["slug": "ok", "name": ""],
                ["slug": "ok", "enabled": "yes"],
                ["slug": "ok", "targets": ["conn_123"]],
                ["slug": "ok", "colour": "red"],
            ] {
                let refused = try await api.post("/_emulator/feature_flags", body)
                #expect(refused.status == .unprocessableContent, "\(body)")
                #expect(refused.json["code"] == "invalid_request_parameters", "\(body)")
            }
            let unknownTarget = try await api.post("/_emulator/feature_flags", ["slug": "ok", "targets": ["org_missing"]])
            #expect(unknownTarget.status == .notFound)
            // Nothing of a refused flag lands, not even its creation event.
            #expect(try await api.get("/feature-flags").json.slugs == ["beta"])
            #expect(try await api.flagEvents().count == 1)
        }
    }

    @Test func theAPINeedsAKey() async throws {
        try await TestEmulator.run { api in
            let stranger = api.with(apiKey: "sk_test_unknown")
            let refused = try await stranger.get("/feature-flags")
            #expect(refused.status == .unauthorized)
        }
    }
}
