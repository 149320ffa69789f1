import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// Shortcuts the Radar suites share.
extension APIClient {
    /// `POST /radar/attempts` for a password sign-in, answering the verdict.
    func assess(email: String = "ada@example.com", ip: String = "203.0.113.7", userAgent: String = "Mozilla/5.0",
                signalsID: String? = nil) async throws -> JSON {
        var body: JSON = ["email": .string(email), "ip_address": .string(ip), "user_agent": .string(userAgent),
                          "auth_method": "Password", "action": "sign-in"]
        if let signalsID { body.set("signals_id", .string(signalsID)) }
        return try await expect(200, post: "/radar/attempts", body)
    }

    /// `DELETE` with a JSON body, as the SDK removes list entries.
    func delete(_ path: String, _ json: JSON) async throws -> APIResponse {
        try await request(.delete, path, json: json)
    }
}
