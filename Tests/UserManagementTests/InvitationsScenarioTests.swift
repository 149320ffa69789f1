import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `invitations:` in scenario files: made as the API makes them, in every state, with pinned tokens.
@Suite struct InvitationsScenarioTests {
    static let scenario = """
    organizations:
      acme: { name: Acme }
    users:
      ann:
        email: ann@acme.com
        memberships: [{ organization: acme, role: admin }]
      bob:
        email: bob@acme.com
    invitations:
      dana:
        email: Dana@Acme.com
        organization: acme
        role: admin
        inviter: ann
        id: invitation_pinned_dana
        token: dana-pinned-token
        expires_in_days: 3
      bob:
        email: bob@acme.com
        organization: acme
      eve:
        email: eve@acme.com
        organization: acme
        state: accepted
      fay:
        email: fay@acme.com
        organization: acme
        state: revoked
      gil:
        email: gil@example.com
        state: expired
      hal:
        email: hal@example.com
        expires_at: 2040-01-01T00:00:00Z
    """

    /// A fresh environment seeded with `text`: its client, and what the scenario created.
    static func seeded(_ api: APIClient, _ text: String = scenario) async throws -> (APIClient, JSON) {
        let created = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": .string(text)])
        try #require(created.status == .created, "\(created.text)")
        return (api.with(apiKey: created.json["api_key"]?.stringValue), created.json["created"] ?? .null)
    }

    @Test func invitationsAreMadeInEveryStateWithTheAPIsEvents() async throws {
        try await TestEmulator.run { api in
            let (env, created) = try await Self.seeded(api)
            let dana = try #require(created["invitations"]?["dana"])
            #expect(dana["id"] == "invitation_pinned_dana" && dana["token"] == "dana-pinned-token")
            #expect(dana["email"] == "dana@acme.com" && dana["role_slug"] == "admin")
            #expect(dana["inviter_user_id"] == created["users"]?["ann"]?["id"])
            let made = try #require(dana["created_at"]?.stringValue.flatMap(Timestamp.parse))
            let expires = try #require(dana["expires_at"]?.stringValue.flatMap(Timestamp.parse))
            #expect(expires.timeIntervalSince(made) == 3 * 24 * 3600)

            let acme = try #require(created["organizations"]?["acme"]?["id"]?.stringValue)
            let listed = try await env.get("/user_management/invitations?organization_id=\(acme)").json["data"]?.arrayValue ?? []
            let states = Dictionary(uniqueKeysWithValues: listed.map { ($0["email"]?.stringValue ?? "", $0["state"]?.stringValue ?? "") })
            #expect(states == ["dana@acme.com": "pending", "bob@acme.com": "pending", "eve@acme.com": "accepted",
                               "fay@acme.com": "revoked"])
            // The link is the emulator's, as this caller reached it.
            let listedDana = try #require(listed.first { $0["id"] == "invitation_pinned_dana" })
            let url = try #require(listedDana["accept_invitation_url"]?.stringValue)
            #expect(url.hasPrefix("http://") && url.hasSuffix("/invite?invitation_token=dana-pinned-token"))

            let everyone = try await env.get("/user_management/invitations?limit=100").json["data"]?.arrayValue ?? []
            #expect(everyone.count == 6)
            let gil = try #require(everyone.first { $0["email"] == "gil@example.com" })
            let hal = try #require(everyone.first { $0["email"] == "hal@example.com" })
            #expect(gil["state"] == "expired" && gil["organization_id"] == .null)
            #expect(hal["state"] == "pending" && hal["expires_at"] == "2040-01-01T00:00:00.000Z")

            // Bob exists, so his invitation gave him a pending membership; Eve's acceptance made her an active member.
            let memberships = try await env.get("/user_management/organization_memberships?organization_id=\(acme)&statuses=pending,active&limit=100")
                .json["data"]?.arrayValue ?? []
            let bobID = created["users"]?["bob"]?["id"]
            #expect(memberships.contains { $0["user_id"] == bobID && $0["status"] == "pending" })
            let eve = try #require(created["invitations"]?["eve"])
            #expect(eve["state"] == "accepted" && eve["accepted_user_id"] != .null)
            #expect(memberships.contains { $0["user_id"] == eve["accepted_user_id"] && $0["status"] == "active" })

            let events = try await env.events("invitation.")
            #expect(events.filter { $0 == "invitation.created" }.count == 6)
            #expect(events.contains("invitation.accepted") && events.contains("invitation.revoked"))
            // The email went out, its link resolved against the outbox reader's address.
            let mail = try await env.nextMessage(to: "dana@acme.com")
            #expect(mail["token"] == "dana-pinned-token" && mail["url"] == .string(url))
        }
    }

    @Test func aPinnedTokenIsAcceptedThroughTheAPI() async throws {
        try await TestEmulator.run { api in
            let (env, _) = try await Self.seeded(api)
            let found = try await env.get("/user_management/invitations/by_token/dana-pinned-token")
            #expect(found.json["id"] == "invitation_pinned_dana")
            let accepted = try await env.post("/user_management/invitations/invitation_pinned_dana/accept")
            #expect(accepted.status == .ok && accepted.json["state"] == "accepted")
            let user = try await env.get("/user_management/users?email=dana@acme.com").json["data"]?.arrayValue?.first
            let memberships = try await env.get("/user_management/organization_memberships?user_id=\(try #require(user?["id"]?.stringValue))")
                .json["data"]?.arrayValue ?? []
            #expect(memberships.map { $0["role"]?["slug"] } == ["admin"])
        }
    }

    @Test func everyProblemIsReportedWithItsPathAndLine() async throws {
        let text = """
        organizations:
          acme: { name: Acme }
        invitations:
          a: { email: not-an-email, organization: nowhere }
          b: { email: b@acme.com, role: admin, inviter: nobody, id: inv_1 }
          c: { email: c@acme.com, organization: acme, token: same, state: sideways, expires_in_days: 99 }
          d: { email: d@acme.com, organization: acme, token: same, expires_in_days: 2, expires_at: "2030-01-01T00:00:00Z" }
          e: { email: e@acme.com, organization: acme, state: expired, expires_at: "2030-01-01T00:00:00Z", colour: red }
          f: { email: D@acme.com, organization: acme }
        """
        try await TestEmulator.run { api in
            let response = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": .string(text)])
            #expect(response.status == .unprocessableContent)
            let found = Set((response.json["errors"]?.arrayValue ?? []).map {
                "\($0["path"]?.stringValue ?? "")@\($0["line"]?.intValue ?? 0)"
            })
            #expect(found == [
                "invitations.a.email@4", "invitations.a.organization@4",
                "invitations.b.role@5", "invitations.b.inviter@5", "invitations.b.id@5",
                "invitations.c.state@6", "invitations.c.expires_in_days@6",
                "invitations.d.token@7", "invitations.d@7",
                "invitations.e.state@8", "invitations.e.colour@8",
                "invitations.f.email@9",
            ])
        }
    }

    @Test func whatOnlyTheEnvironmentCanRefuseNamesTheEntryAndLandsNothing() async throws {
        let text = """
        organizations:
          acme: { name: Acme }
        invitations:
          ok: { email: ok@acme.com, organization: acme }
          bad: { email: bad@acme.com, organization: acme, role: no-such-role }
        """
        try await TestEmulator.run { api in
            let control = api.with(apiKey: nil)
            let before = try await control.get("/_emulator/environments").json["data"]?.arrayValue?.count
            let response = try await control.post("/_emulator/environments", ["scenario": .string(text)])
            #expect(response.status == .unprocessableContent)
            #expect(response.json["code"] == "scenario_invalid")
            #expect(response.json["message"]?.stringValue?.hasPrefix("invitations.bad: ") == true)
            #expect(try await control.get("/_emulator/environments").json["data"]?.arrayValue?.count == before)
        }
    }
}
