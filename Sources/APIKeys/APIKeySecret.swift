import EmulatorCore
import Foundation

/// An API key's secret value, `sk_…`: answered once, when the key is made. The emulator keeps only its
/// SHA-256 (to recognise it at validation) and the obfuscated form lists show (`sk_...` and its last
/// four characters).
struct APIKeySecret: Sendable {
    let value: String

    static func generate() -> APIKeySecret {
        APIKeySecret(value: "sk_" + ObjectID.token(40).lowercased())
    }

    var hash: String { SecretDigest.hex(value) }

    var obfuscated: String { "sk_..." + value.suffix(4) }
}
