import _CryptoExtras
import Foundation

/// Signing keys parsed from their PEM once per process. Parsing took a fifth of every token's cost
/// (refresh grants, in a profile of the release build); a key's PEM never changes, and a forked or
/// restored environment shares its key with the one it came from.
enum ParsedKeys {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var keys: [String: _RSA.Signing.PrivateKey] = [:]

    static func privateKey(pem: String) throws -> _RSA.Signing.PrivateKey {
        lock.lock()
        defer { lock.unlock() }
        if let key = keys[pem] { return key }
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        keys[pem] = key
        return key
    }
}
