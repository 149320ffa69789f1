import Crypto

/// `WorkOS-Signature: t=<unix ms>, v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed with the endpoint's
/// secret. The SDKs split the header on exactly ", ", so the space matters.
enum WebhookSignature {
    static func header(body: [UInt8], secret: String, timestamp: Int64) -> String {
        var mac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
        mac.update(data: Array("\(timestamp).".utf8))
        mac.update(data: body)
        let hex = mac.finalize().map { byte in
            let digits = String(byte, radix: 16)
            return byte < 16 ? "0" + digits : digits
        }.joined()
        return "t=\(timestamp), v1=\(hex)"
    }
}
