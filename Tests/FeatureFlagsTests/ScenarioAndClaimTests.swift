import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct ScenarioAndClaimTests {
    static let scenario: JSON = [
        "organizations": ["acme": ["name": "Acme"], "globex": ["name": "Globex"]],
        "users": [
            "alice": ["email": "alice@acme.com", "password": "correct-horse-9",
                      "memberships": [["organization": "acme"]]],
            "bob": ["email": "bob@globex.com", "password": "correct-horse-9",
                    "memberships": [["organization": "globex"]]],
        ],
        "feature_flags": [
            "beta-dashboard": ["name": "Beta dashboard", "enabled": true, "targets": ["organizations": ["acme"]]],
            "alice-only": ["slug": "early-access", "enabled": true, "tags": ["beta"], "targets": ["users": ["alice"]]],
            "everyone": ["enabled": true, "default_value": true],
            "dormant": ["description": "Not yet", "targets": ["organizations": ["acme", "globex"]]],
        ],
    ]

    @Test func scenarioFlagsLoadByLocalNameWithTheirTargets() async throws {
        try await TestEmulator.run { api in
            let applied = try await api.post("/_emulator/scenarios", Self.scenario)
            #expect(applied.status == .created, "\(applied.text)")
            let flags = try #require(applied.json["created"]?["feature_flags"])
            #expect(flags["alice-only"]?["slug"] == "early-access" && flags["alice-only"]?["tags"] == ["beta"])
            #expect(flags["dormant"]?["enabled"] == false && flags["dormant"]?["name"] == "dormant")
            let acme = try #require(applied.json["created"]?["organizations"]?["acme"]?["id"]?.stringValue)
            let alice = try #require(applied.json["created"]?["users"]?["alice"]?["id"]?.stringValue)
            #expect(try await api.get("/organizations/\(acme)/feature-flags").json.slugs == ["everyone", "beta-dashboard"])
            #expect(try await api.get("/user_management/users/\(alice)/feature-flags").json.slugs
                == ["everyone", "early-access", "beta-dashboard"])
            let events = try await api.flagEvents().map(\.event)
            #expect(events.filter { $0 == "flag.created" }.count == 4 && events.filter { $0 == "flag.rule_updated" }.count == 3)
        }
    }

    @Test func badScenarioEntriesAreReportedWhereTheyAre() async throws {
        try await TestEmulator.run { api in
            let invalid = try await api.post("/_emulator/scenarios", [
                "organizations": ["acme": ["name": "Acme"]],
                "feature_flags": [
                    "Bad Slug": ["enabled": true],
                    "x": ["slug": "dup", "targets": ["organizations": ["nowhere"], "teams": ["a"]]],
                    "y": ["slug": "dup", "colour": "red"],
                ],
            ])
            #expect(invalid.status == .unprocessableContent && invalid.json["code"] == "scenario_invalid")
            let paths = (invalid.json["errors"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
            #expect(paths.contains("feature_flags.Bad Slug"))
            #expect(paths.contains("feature_flags.x.targets.organizations[0]"))
            #expect(paths.contains("feature_flags.x.targets.teams"))
            #expect(paths.contains("feature_flags.y"))
            #expect(paths.contains("feature_flags.y.colour"))
            #expect(try await api.get("/feature-flags").json.slugs == [])
        }
    }

    /// The access token of a real sign-in carries the flags on for its user in its organization.
    @Test func accessTokensCarryTheFlagsInEffect() async throws {
        try await TestEmulator.run { api in
            let applied = try await api.post("/_emulator/scenarios", Self.scenario)
            let acme = try #require(applied.json["created"]?["organizations"]?["acme"]?["id"]?.stringValue)
            let environment = try api.environment
            func signIn(_ email: String) async throws -> JSON {
                let response = try await api.post("/user_management/authenticate", [
                    "grant_type": "password", "client_id": .string(environment.clientID),
                    "client_secret": .string(api.apiKey ?? ""), "email": .string(email), "password": "correct-horse-9",
                ])
                #expect(response.status == .ok, "\(response.text)")
                return try #require(response.json["access_token"]).jwtClaims
            }
            let alice = try await signIn("alice@acme.com")
            #expect(alice["org_id"] == .string(acme))
            #expect(alice["feature_flags"] == ["beta-dashboard", "early-access", "everyone"])
            #expect(try await signIn("bob@globex.com")["feature_flags"] == ["everyone"])

            // A later change shows in the next token.
            _ = try await api.put("/feature-flags/beta-dashboard/disable", [:])
            #expect(try await signIn("alice@acme.com")["feature_flags"] == ["early-access", "everyone"])
        }
    }
}
