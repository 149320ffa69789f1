import Crypto
import Foundation
import _CryptoExtras

/// Hashes passwords set through the API with scrypt (swift-crypto), encoded as a PHC string
/// (`$scrypt$ln=12,r=8,p=1$<salt>$<hash>`, the format of imported `scrypt` hashes too, so one verifier
/// serves both). Cost: N = 2^12, r = 8, p = 1 — 4 MiB, about 45 ms per hash in a debug build and a few
/// in release. A real, salted, memory-hard hash, a quarter of the interactive-login cost the scrypt
/// paper suggests (2^14 took 180 ms in debug builds), because an emulator's users are test fixtures:
/// seeding a hundred of them with passwords must stay quick.
enum PasswordHasher {
    static let logRounds = 12
    static let blockSize = 8
    static let parallelism = 1
    static let saltByteCount = 16
    static let keyByteCount = 32

    static func hash(_ password: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<saltByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let key = try derive(password, salt: salt, logRounds: logRounds, blockSize: blockSize,
                             parallelism: parallelism, byteCount: keyByteCount)
        return "$scrypt$ln=\(logRounds),r=\(blockSize),p=\(parallelism)$\(encode(salt))$\(encode(key))"
    }

    /// Whether the password matches a PHC scrypt hash. Malformed hashes, and costs beyond what a sign-in
    /// should spend (N > 2^20, r or p > 16), never match.
    static func verify(_ password: String, against encoded: String) -> Bool {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1] == "scrypt",
              let salt = decode(fields[3]), let expected = decode(fields[4]), !expected.isEmpty
        else { return false }
        var parameters: [Substring: Int] = [:]
        for pair in fields[2].split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let value = Int(parts[1]) else { return false }
            parameters[parts[0]] = value
        }
        guard let ln = parameters["ln"], let r = parameters["r"], let p = parameters["p"],
              (1...20).contains(ln), (1...16).contains(r), (1...16).contains(p),
              let derived = try? derive(password, salt: salt, logRounds: ln, blockSize: r, parallelism: p,
                                        byteCount: expected.count)
        else { return false }
        // SymmetricKey equality is constant-time.
        return SymmetricKey(data: derived) == SymmetricKey(data: expected)
    }

    private static func derive(_ password: String, salt: [UInt8], logRounds: Int, blockSize: Int, parallelism: Int,
                               byteCount: Int) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: byteCount,
                                           rounds: 1 << logRounds, blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }

    /// PHC strings use standard base64 without padding.
    private static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    private static func decode(_ text: Substring) -> [UInt8]? {
        let padded = String(text) + String(repeating: "=", count: (4 - text.count % 4) % 4)
        return Data(base64Encoded: padded).map { Array($0) }
    }
}
