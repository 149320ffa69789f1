import Crypto
import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// An endpoint the test created, with what verifying its deliveries takes.
struct Endpoint {
    let id: String
    let secret: String
}

extension APIClient {
    func createEndpoint(_ url: String, events: [String] = ["organization.created", "organization.updated"]) async throws -> Endpoint {
        let created = try await post("/webhook_endpoints", ["endpoint_url": .string(url), "events": .strings(events)])
        #expect(created.status == .created, "\(created.text)")
        return Endpoint(id: try #require(created.json["id"]?.stringValue), secret: try #require(created.json["secret"]?.stringValue))
    }

    /// Returns when nothing is due; fails the test on any other answer.
    @discardableResult
    func flush() async throws -> JSON {
        let flushed = try await post("/_emulator/webhooks/flush")
        #expect(flushed.status == .ok, "\(flushed.text)")
        return flushed.json
    }

    func deliveries(_ query: String = "") async throws -> [JSON] {
        try await get("/_emulator/webhook_deliveries?order=asc&limit=100\(query)").json["data"]?.arrayValue ?? []
    }

    /// The clock of the environment this client's key names.
    var clock: EnvironmentClock {
        get throws { try #require(emulator.registry.environment(apiKey: apiKey ?? "")).clock }
    }
}

extension WebhookReceiver.Delivery {
    /// Checks `WorkOS-Signature` as the SDKs do: `t=<ms>, v1=<hex HMAC-SHA256 of "<t>.<body>">`.
    func isSigned(with secret: String) -> Bool {
        guard let parts = signatureParts else { return false }
        var mac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
        mac.update(data: Array("\(parts.timestamp).".utf8))
        mac.update(data: body)
        let expected = mac.finalize().map { String(format: "%02x", $0) }.joined()
        return parts.hash == expected
    }

    /// The signed timestamp, in Unix milliseconds.
    var timestamp: Int64? { signatureParts?.timestamp }

    private var signatureParts: (timestamp: Int64, hash: String)? {
        let parts = signature?.components(separatedBy: ", ") ?? []
        guard parts.count == 2, parts[0].hasPrefix("t="), parts[1].hasPrefix("v1="),
              let timestamp = Int64(parts[0].dropFirst(2)) else { return nil }
        return (timestamp, String(parts[1].dropFirst(3)))
    }
}
