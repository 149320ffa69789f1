import Crypto
import Foundation

/// How secrets the API shows once (API keys, client secrets, agent tokens) are stored: the hex SHA-256 of
/// their value, which a presented secret is looked up by.
public enum SecretDigest {
    public static func hex(_ value: String) -> String {
        SHA256.hash(data: Data(value.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
