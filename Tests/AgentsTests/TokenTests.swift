import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/agents/blueprints/{id}/tokens`: autonomous mints make an instance once and a session each time;
/// tokens validate while they and their session live, by the virtual clock; refresh tokens are
/// single-use; agent-delegated mints chain sessions on the same instance.
@Suite struct TokenTests {
    @Test func anAutonomousMintMakesAnInstanceOnceAndValidates() async throws {
        try await TestEmulator.run { api in
            try await api.permission("crm:read")
            let org = try await api.organization()
            let blueprint = try await api.blueprint("Agent", ["permissions": ["crm:read"]]).id
            let token = try await api.mint(blueprint, ["type": "autonomous", "organization_id": .string(org), "intent": "triage"])
            #expect(token["token_type"] == "Bearer" && token["expires_in"] == 300 && token["new_instance"] == true)
            #expect(token["permissions"] == ["crm:read"])
            #expect(token["agent_instance_id"]?.stringValue?.hasPrefix("agent_instance_") == true)
            let again = try await api.mint(blueprint, ["type": "autonomous", "organization_id": .string(org)])
            #expect(again["new_instance"] == false && again["agent_instance_id"] == token["agent_instance_id"])
            #expect(again["agent_instance_session_id"] != token["agent_instance_session_id"])
            #expect(again["access_token"] != token["access_token"])

            let valid = try await api.validate(blueprint, token["access_token"]!)
            #expect(valid.status == .ok, "\(valid.text)")
            #expect(valid.json["valid"] == true && valid.json["organization_id"] == .string(org))
            #expect(valid.json["agent_instance_session_id"] == token["agent_instance_session_id"])
            #expect(valid.json["intent"] == "triage" && valid.json["acting_user_id"] == .null)
            #expect(valid.json["permissions"] == ["crm:read"])
            let forged = try await api.validate(blueprint, "agent_at_forged")
            #expect(forged.status == .badRequest && forged.json["code"] == "invalid_agent_access_token")
            let otherBlueprint = try await api.blueprint("Other").id
            #expect(try await api.validate(otherBlueprint, token["access_token"]!).json["code"] == "invalid_agent_access_token")
        }
    }

    @Test func tokensExpireByTheVirtualClock() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let blueprint = try await api.blueprint("Agent", [
                "session_settings": ["max_age_seconds": 3600, "access_token_ttl_seconds": 60, "refresh_token_ttl_seconds": 600],
            ]).id
            try await api.freezeClock()
            let token = try await api.mint(blueprint, ["type": "autonomous", "organization_id": .string(org)])
            #expect(token["expires_in"] == 60)
            try await api.advanceClock(seconds: 59)
            #expect(try await api.validate(blueprint, token["access_token"]!).status == .ok)
            try await api.advanceClock(seconds: 2)
            #expect(try await api.validate(blueprint, token["access_token"]!).json["code"] == "invalid_agent_access_token")
            // The session outlives the access token: a refresh still works, until the session expires.
            let refreshed = try await api.mint(blueprint, ["type": "refresh", "refresh_token": token["refresh_token"]!])
            #expect(try await api.validate(blueprint, refreshed["access_token"]!).status == .ok)
            try await api.advanceClock(seconds: 601)
            let expired = try await api.post("/agents/blueprints/\(blueprint)/tokens", ["type": "refresh", "refresh_token": refreshed["refresh_token"]!])
            #expect(expired.status == .badRequest && expired.json["code"] == "session_expired")
            let session = try await api.get("/agents/sessions/\(token["agent_instance_session_id"]!.stringValue!)")
            #expect(session.json["status"] == "expired")
        }
    }

    @Test func aRefreshTokenIsSingleUse() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let blueprint = try await api.blueprint().id
            let token = try await api.mint(blueprint, ["type": "autonomous", "organization_id": .string(org)])
            let refreshed = try await api.mint(blueprint, ["type": "refresh", "refresh_token": token["refresh_token"]!])
            #expect(refreshed["agent_instance_session_id"] == token["agent_instance_session_id"])
            #expect(refreshed["refresh_token"] != token["refresh_token"] && refreshed["new_instance"] == false)
            let replay = try await api.post("/agents/blueprints/\(blueprint)/tokens", ["type": "refresh", "refresh_token": token["refresh_token"]!])
            #expect(replay.status == .badRequest && replay.json["code"] == "invalid_refresh_token")
        }
    }

    @Test func revokingASessionEndsItsTokensAndTheSessionsChainedFromIt() async throws {
        try await TestEmulator.run { api in
            let org = try await api.organization()
            let blueprint = try await api.blueprint().id
            let root = try await api.mint(blueprint, ["type": "autonomous", "organization_id": .string(org)])
            let chained = try await api.mint(blueprint, ["type": "agent_delegated", "agent_access_token": root["access_token"]!])
            #expect(chained["agent_instance_id"] == root["agent_instance_id"] && chained["new_instance"] == false)
            #expect(chained["agent_instance_session_id"] != root["agent_instance_session_id"])
            let sessionID = root["agent_instance_session_id"]!.stringValue!
            let revoked = try await api.post("/agents/sessions/\(sessionID)/revoke")
            #expect(revoked.status == .ok && revoked.json["status"] == "revoked" && revoked.json["revoked_at"] != .null)
            let again = try await api.post("/agents/sessions/\(sessionID)/revoke")
            #expect(again.json["revoked_at"] == revoked.json["revoked_at"])
            for token in [root, chained] {
                let answer = try await api.validate(blueprint, token["access_token"]!)
                #expect(answer.status == .badRequest && answer.json["code"] == "session_revoked")
            }
            let refresh = try await api.post("/agents/blueprints/\(blueprint)/tokens", ["type": "refresh", "refresh_token": chained["refresh_token"]!])
            #expect(refresh.json["code"] == "session_revoked")
        }
    }

    @Test func mintsTheBlueprintDoesNotAllowAreRefused() async throws {
        try await TestEmulator.run { api in
            let allowed = try await api.organization("Allowed")
            let other = try await api.organization("Other")
            let blueprint = try await api.blueprint("Agent", ["invocable_by": ["organization_ids": .array([.string(allowed)])]]).id
            let foreign = try await api.post("/agents/blueprints/\(blueprint)/tokens", ["type": "autonomous", "organization_id": .string(other)])
            #expect(foreign.status == .forbidden && foreign.json["code"] == "organization_not_invocable")
            let delegatedOnly = try await api.blueprint("Delegated", ["invocable_as": ["instance_types": ["delegated"]]]).id
            let autonomous = try await api.post("/agents/blueprints/\(delegatedOnly)/tokens", ["type": "autonomous", "organization_id": .string(allowed)])
            #expect(autonomous.status == .forbidden && autonomous.json["code"] == "instance_type_not_invocable")
            let unknownOrg = try await api.post("/agents/blueprints/\(blueprint)/tokens", ["type": "autonomous", "organization_id": "org_missing"])
            #expect(unknownOrg.status == .notFound)
            let noOrg = try await api.post("/agents/blueprints/\(blueprint)/tokens", ["type": "autonomous"])
            #expect(noOrg.status == .badRequest && noOrg.json["code"] == "invalid_request")
            let badType = try await api.post("/agents/blueprints/\(blueprint)/tokens", ["type": "teleport"])
            #expect(badType.status == .unprocessableContent)
            let missing = try await api.post("/agents/blueprints/agent_blueprint_missing/tokens", ["type": "autonomous", "organization_id": .string(allowed)])
            #expect(missing.status == .notFound)
            #expect(try await api.get("/agents/instances").json.ids.isEmpty)
        }
    }
}
