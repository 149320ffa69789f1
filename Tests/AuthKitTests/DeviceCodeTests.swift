import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

@Suite struct DeviceCodeTests {
    @Test func aDeviceGetsTheSessionTheUserStartsOnTheDevicePage() async throws {
        try await TestEmulator.run { api in
            // Polling faster than `interval` is measured on the environment's clock: frozen, a slow run
            // cannot let five seconds pass between the two polls.
            #expect(try await api.post("/_emulator/clock", ["frozen": true]).status == .ok)
            let user = try await api.user("ann@example.com")
            let browser = api.with(apiKey: nil)
            let started = try await browser.post("/user_management/authorize/device", ["client_id": .string(try api.clientID)])
            #expect(started.status == .ok)
            let deviceCode = try #require(started.json["device_code"])
            let userCode = try #require(started.json["user_code"]?.stringValue)
            #expect(started.json["verification_uri"]?.stringValue?.hasSuffix("/authkit/device") == true)
            #expect(started.json["verification_uri_complete"]?.stringValue?.hasSuffix("?user_code=\(userCode)") == true)
            #expect(started.json["expires_in"] == 300 && started.json["interval"] == 5)

            let grant = "urn:ietf:params:oauth:grant-type:device_code"
            let pending = try await api.authenticate(grant, ["device_code": deviceCode], secret: false)
            #expect(pending.status == .badRequest && pending.json["error"] == "authorization_pending")
            #expect(try await api.authenticate(grant, ["device_code": deviceCode], secret: false).json["error"] == "slow_down")

            #expect(try await browser.get("/authkit/device?user_code=\(userCode)").text.contains("value=\"\(userCode)\""))
            let wrongCode = try await api.form("/authkit/device", ["user_code": "AAAA-0000"])
            #expect(wrongCode.status == .badRequest)
            let signIn = try await api.form("/authkit/device", ["user_code": userCode.lowercased()])
            let request = try #require(signIn.location.flatMap { URLComponents(string: $0)?.queryItems?.first?.value })
            let approved = try await api.form("/authkit/sign-in", ["request": request, "email": "ann@example.com", "password": "correct-horse-9"])
            #expect(approved.status == .ok && approved.text.contains("Device connected"))

            try await api.advanceClock(6)
            let tokens = try await api.authenticate(grant, ["device_code": deviceCode], secret: false)
            #expect(tokens.status == .ok && tokens.json["user"]?["id"] == user["id"])
            #expect(try await api.authenticate(grant, ["device_code": deviceCode], secret: false).json["error"] == "invalid_grant")
        }
    }

    @Test func codesExpireAndClientsMustBeKnown() async throws {
        try await TestEmulator.run { api in
            let browser = api.with(apiKey: nil)
            let unknown = try await browser.post("/user_management/authorize/device", ["client_id": "client_missing"])
            #expect(unknown.status == .badRequest && unknown.json["error"] == "invalid_client")
            let deviceCode = try await browser.post("/user_management/authorize/device", ["client_id": .string(try api.clientID)]).json["device_code"]
            try await api.advanceClock(301)
            let expired = try await api.authenticate("urn:ietf:params:oauth:grant-type:device_code", ["device_code": deviceCode ?? .null], secret: false)
            #expect(expired.json["error"] == "expired_token")
        }
    }
}
