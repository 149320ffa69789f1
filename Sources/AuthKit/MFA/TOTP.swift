import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, six digits, 30-second steps,
/// what WorkOS and every authenticator app use. Codes are checked against the environment clock, one
/// step either side, so a test computes them (pyotp) at the emulated time.
enum TOTP {
    static let period: Int64 = 30
    static let digits = 6
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// A new shared secret: 20 random bytes (the RFC's SHA-1 key length) in base32, 32 characters.
    static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return base32((0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func code(secret: String, at date: Date) -> String? {
        guard let key = base32Decode(secret) else { return nil }
        return code(key: key, counter: counter(at: date))
    }

    /// Whether the code is the secret's at `date`, or one step before or after.
    static func verify(_ candidate: String, secret: String, at date: Date) -> Bool {
        guard let key = base32Decode(secret), candidate.count == digits else { return false }
        let now = counter(at: date)
        return (now - 1...now + 1).contains { code(key: key, counter: $0) == candidate }
    }

    /// The `otpauth://` URI authenticator apps read (from the QR code, or typed).
    static func uri(secret: String, issuer: String, user: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~@"))
        func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
        return "otpauth://totp/\(escape(issuer)):\(escape(user))?secret=\(secret)&issuer=\(escape(issuer))"
            + "&algorithm=SHA1&digits=\(digits)&period=\(period)"
    }

    /// Whether the text is a usable base32 secret (a `totp_secret` given at enrolment).
    static func isValidSecret(_ secret: String) -> Bool {
        (base32Decode(secret)?.count ?? 0) >= 10
    }

    private static func counter(at date: Date) -> Int64 {
        Int64(floor(date.timeIntervalSince1970)) / period
    }

    private static func code(key: [UInt8], counter: Int64) -> String {
        let message = withUnsafeBytes(of: UInt64(bitPattern: counter).bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let truncated = (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let text = String(truncated % 1_000_000)
        return String(repeating: "0", count: digits - text.count) + text
    }

    private static func base32(_ bytes: [UInt8]) -> String {
        var output = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return output
    }

    /// Accepts lower case, spaces and padding, as authenticator apps do.
    private static func base32Decode(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.uppercased() where character != "=" && character != " " {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = ((buffer << 5) | value) & 0xFFFF
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return bytes.isEmpty ? nil : bytes
    }
}
