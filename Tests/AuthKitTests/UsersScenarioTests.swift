import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct UsersScenarioTests {
    static let scenario = """
    organizations:
      acme: { name: Acme }
    roles:
      billing: { name: Billing }
    users:
      ann:
        email: Ann@Example.com
        password: correct-horse-9
        first_name: Ann
        totp_secret: JBSWY3DPEHPK3PXP
        memberships:
          - { organization: acme, roles: [admin, billing] }
    """

    @Test func usersSignInWithTheirPasswordFactorAndRoles() async throws {
        try await TestEmulator.run { api in
            let created = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": .string(Self.scenario)])
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["created"]?["users"]?["ann"]?["email"] == "ann@example.com")
            let env = api.with(apiKey: created.json["api_key"]?.stringValue)
            let required = try await env.password("ann@example.com")
            #expect(required.json["code"] == "mfa_challenge")
            let factorID = try #require(required.json["authentication_factors"]?.arrayValue?.first?["id"]?.stringValue)
            let challenge = try await env.post("/auth/factors/\(factorID)/challenge").json["id"] ?? .null
            let tokens = try await env.authenticate("urn:workos:oauth:grant-type:mfa-totp", [
                "code": .string(TestTOTP.code(secret: "JBSWY3DPEHPK3PXP", at: try env.now)),
                "pending_authentication_token": required.json["pending_authentication_token"] ?? .null,
                "authentication_challenge_id": challenge]).json
            let claims = try await env.verifiedClaims(tokens["access_token"]?.stringValue)
            #expect(claims["role"] == "admin" && claims["roles"] == ["admin", "billing"])
        }
    }

    @Test func everyProblemIsReportedWithItsPlace() async throws {
        try await TestEmulator.run { api in
            let invalid = """
            users:
              a: { email: a@example.com, password: short, totp_secret: "!!", colour: blue }
              b: { email: A@example.com, memberships: [{ organization: nowhere }] }
            """
            let response = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": .string(invalid)])
            #expect(response.status == .unprocessableContent)
            let paths = response.json["errors"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
            #expect(Set(paths) == ["users.a.password", "users.a.totp_secret", "users.a.colour", "users.b.email",
                                   "users.b.memberships[0].organization"])
        }
    }
}
