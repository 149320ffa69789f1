import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `authkit:` in scenario files, and the ready-made `scenarios/mfa-required.yaml`.
@Suite struct AuthKitScenarioTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func seeded(_ api: APIClient, _ text: String) async throws -> (APIClient, JSON) {
        let created = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": .string(text)])
        try #require(created.status == .created, "\(created.text)")
        return (api.with(apiKey: created.json["api_key"]?.stringValue), created.json["created"] ?? .null)
    }

    @Test func theSectionSetsTheEnvironmentsSettings() async throws {
        try await TestEmulator.run { api in
            let (env, created) = try await Self.seeded(api, """
                authkit:
                  mfa_required: true
                  email_verification_required: true
                  access_token_lifetime_seconds: 900
                  sign_in_as: ann@example.com
                """)
            let settings = try await env.get("/_emulator/authkit").json
            #expect(settings["mfa_required"] == true && settings["email_verification_required"] == true)
            #expect(settings["access_token_lifetime_seconds"] == 900 && settings["sign_in_as"] == "ann@example.com")
            #expect(settings["automatic_sign_in"] == false)
            #expect(created["authkit"]?["mfa_required"] == true && created["authkit"]?["access_token_lifetime_seconds"] == 900)
        }
    }

    @Test func badSettingsAreReportedWithTheirLines() async throws {
        try await TestEmulator.run { api in
            let response = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": """
                authkit:
                  mfa_required: sometimes
                  access_token_lifetime_seconds: 0
                  sign_in_as: ""
                  passkeys: true
                """])
            #expect(response.status == .unprocessableContent)
            let found = Set((response.json["errors"]?.arrayValue ?? []).map {
                "\($0["path"]?.stringValue ?? "")@\($0["line"]?.intValue ?? 0)"
            })
            #expect(found == ["authkit.mfa_required@2", "authkit.access_token_lifetime_seconds@3", "authkit.sign_in_as@4",
                              "authkit.passkeys@5"])
            let list = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": "authkit: [mfa_required]"])
            #expect(list.status == .unprocessableContent && list.json["errors"]?.arrayValue?.first?["path"] == "authkit")
        }
    }

    @Test func mfaRequiredAsksTheUnenrolledToEnrolAndTheEnrolledForACode() async throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent("scenarios/mfa-required.yaml"), encoding: .utf8)
        try await TestEmulator.run { api in
            let (env, created) = try await Self.seeded(api, text)

            let nora = try await env.password("nora@acme.com")
            #expect(nora.status == .forbidden && nora.json["code"] == "mfa_enrollment")
            #expect(nora.json["user"]?["id"] == created["users"]?["nora"]?["id"])
            let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            let noraID = try #require(created["users"]?["nora"]?["id"]?.stringValue)
            let enrolled = try await env.post("/user_management/users/\(noraID)/auth_factors",
                                              ["type": "totp", "totp_secret": .string(secret)]).json
            let noraIn = try await env.authenticate("urn:workos:oauth:grant-type:mfa-totp", [
                "code": .string(TestTOTP.code(secret: secret, at: try env.now)),
                "pending_authentication_token": nora.json["pending_authentication_token"] ?? .null,
                "authentication_challenge_id": enrolled["authentication_challenge"]?["id"] ?? .null])
            #expect(noraIn.status == .ok, "\(noraIn.text)")

            let tess = try await env.password("tess@acme.com")
            #expect(tess.status == .forbidden && tess.json["code"] == "mfa_challenge")
            let factorID = try #require(tess.json["authentication_factors"]?.arrayValue?.first?["id"]?.stringValue)
            let challenge = try await env.post("/auth/factors/\(factorID)/challenge").json["id"] ?? .null
            let tessIn = try await env.authenticate("urn:workos:oauth:grant-type:mfa-totp", [
                "code": .string(TestTOTP.code(secret: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", at: try env.now)),
                "pending_authentication_token": tess.json["pending_authentication_token"] ?? .null,
                "authentication_challenge_id": challenge])
            #expect(tessIn.status == .ok, "\(tessIn.text)")
            let claims = try await env.verifiedClaims(tessIn.json["access_token"]?.stringValue)
            #expect(claims["org_id"] == created["organizations"]?["acme"]?["id"] && claims["role"] == "admin")
        }
    }
}
