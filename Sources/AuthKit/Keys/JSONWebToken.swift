import EmulatorCore
import _CryptoExtras
import Foundation

/// A compact RS256 JWS (RFC 7515/7519) over the claims, its header naming the key (`kid`) the JWKS
/// publishes. jwt-kit would do this, but every release new enough (≥ 5.7.1) needs swift-crypto 4 while
/// the package pins swift-crypto 3, so the three steps are written out with swift-crypto's RSA.
enum JSONWebToken {
    static func sign(_ claims: JSON, with key: SigningKeyRecord) throws -> String {
        let header: JSON = ["alg": "RS256", "kid": .string(key.id), "typ": "JWT"]
        let input = Base64URL.encode(header.bytes) + "." + Base64URL.encode(claims.bytes)
        let signature = try key.privateKey.signature(for: Data(input.utf8), padding: .insecurePKCS1v1_5)
        return input + "." + Base64URL.encode(signature.rawRepresentation)
    }
}
