import EmulatorCore
import EmulatorTesting
import GRDB
import Testing

@Suite struct FlagTargetsTests {
    @Test func targetsDecideWhoHasAFlag() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            let globex = try await api.organization("Globex")
            let alice = try await api.user("alice@acme.com")
            let bob = try await api.user("bob@globex.com")
            try await api.member(alice, of: acme)
            _ = try await api.flag("org-beta", ["enabled": true])
            _ = try await api.flag("user-beta", ["enabled": true])
            _ = try await api.flag("everyone", ["enabled": true, "default_value": true])
            _ = try await api.flag("off-for-all", ["default_value": true, "targets": .strings([acme])])

            #expect(try await api.post("/feature-flags/org-beta/targets/\(acme)").status == .noContent)
            #expect(try await api.post("/feature-flags/user-beta/targets/\(bob)").status == .noContent)

            #expect(try await api.get("/organizations/\(acme)/feature-flags").json.slugs == ["everyone", "org-beta"])
            #expect(try await api.get("/organizations/\(globex)/feature-flags").json.slugs == ["everyone"])
            // Alice has her organization's flags; Bob his own.
            #expect(try await api.get("/user_management/users/\(alice)/feature-flags").json.slugs == ["everyone", "org-beta"])
            #expect(try await api.get("/user_management/users/\(bob)/feature-flags").json.slugs == ["everyone", "user-beta"])
            let page = try await api.get("/user_management/users/\(bob)/feature-flags?limit=1&order=asc").json
            #expect(page["object"] == "list" && page.slugs == ["user-beta"])
            #expect(page["data"]?.arrayValue?.first?["object"] == "feature_flag")

            // Disabling a flag takes it from everyone; removing a target from that target.
            _ = try await api.put("/feature-flags/everyone/disable", [:])
            #expect(try await api.delete("/feature-flags/org-beta/targets/\(acme)").status == .noContent)
            #expect(try await api.get("/organizations/\(acme)/feature-flags").json.slugs == [])
            #expect(try await api.get("/user_management/users/\(bob)/feature-flags").json.slugs == ["user-beta"])
        }
    }

    @Test func ruleChangesAreAnnouncedWithTheirTargets() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            let alice = try await api.user("alice@acme.com")
            _ = try await api.flag("beta")
            _ = try await api.post("/feature-flags/beta/targets/\(acme)")
            _ = try await api.post("/feature-flags/beta/targets/\(acme)")  // already a target: no event
            _ = try await api.post("/feature-flags/beta/targets/\(alice)")
            _ = try await api.delete("/feature-flags/beta/targets/\(acme)")
            _ = try await api.delete("/feature-flags/beta/targets/\(acme)")  // no longer one: no event

            let rules = try await api.flagEvents().filter { $0.event == "flag.rule_updated" }
            #expect(rules.count == 3)
            let second = try #require(rules.count == 3 ? rules[1].context : nil)
            #expect(second["access_type"] == "some")
            let organizations = second["configured_targets"]?["organizations"]?.arrayValue ?? []
            let users = second["configured_targets"]?["users"]?.arrayValue ?? []
            #expect(organizations.map { $0["id"] } == [.string(acme)] && organizations.map { $0["name"] } == ["Acme"])
            #expect(users.map { $0["id"] } == [.string(alice)] && users.map { $0["email"] } == ["alice@acme.com"])
            #expect(second["previous_attributes"]?["context"]?["configured_targets"]?["users"] == [])
            #expect(rules[2].context?["configured_targets"]?["organizations"] == [])
            #expect(rules[0].context?["previous_attributes"]?["context"]?["access_type"] == "none")
            #expect(rules[0].data["slug"] == "beta")
        }
    }

    @Test func badTargetsAreRefusedInWorkOSShapes() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            _ = try await api.flag("beta")
            for path in ["/feature-flags/beta/targets/conn_123", "/feature-flags/beta/targets/acme"] {
                let post = try await api.post(path)
                #expect(post.status == .badRequest && post.json["code"] == "invalid_resource_id_format")
                #expect(post.json["message"] == "Invalid resource id")
                #expect(try await api.delete(path).status == .badRequest)
            }
            let missingOrg = try await api.post("/feature-flags/beta/targets/org_01MISSING")
            #expect(missingOrg.status == .notFound && missingOrg.json["message"] == "Organization not found: 'org_01MISSING'.")
            #expect(try await api.post("/feature-flags/beta/targets/user_01MISSING").status == .notFound)
            let missingFlag = try await api.post("/feature-flags/nope/targets/\(acme)")
            #expect(missingFlag.status == .notFound && missingFlag.json["message"] == "Feature flag not found: 'nope'.")
            #expect(try await api.delete("/feature-flags/nope/targets/\(acme)").status == .notFound)
            #expect(try await api.get("/organizations/org_01MISSING/feature-flags").status == .notFound)
            #expect(try await api.get("/user_management/users/user_01MISSING/feature-flags").status == .notFound)
            #expect(try await api.flagEvents().map(\.event) == ["flag.created"])
        }
    }

    @Test func deletedOrganizationsAndUsersStopBeingTargets() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let alice = try await api.user("alice@acme.com")
            _ = try await api.flag("beta", ["enabled": true, "targets": .strings([acme, alice])])
            #expect(try await api.delete("/organizations/\(acme)").status.code < 300)
            #expect(try await api.delete("/user_management/users/\(alice)").status.code < 300)
            let rule = try await api.flagEvents().last { $0.event == "flag.rule_updated" }
            #expect(rule?.context?["configured_targets"]?["users"]?.arrayValue?.count == 1)
            // Re-targeting afresh finds no stale rows; a new organization with no targets has no flags.
            let fresh = try await api.organization("Fresh")
            #expect(try await api.get("/organizations/\(fresh)/feature-flags").json.slugs == [])
            let count = try await api.environment.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM feature_flag_targets") }
            #expect(count == 0)
        }
    }
}
