import Foundation

/// The algorithms a `password_hash` may be imported from (`password_hash_type`). The emulator checks
/// that a hash has its algorithm's shape, so a mislabelled import fails at once (`invalid_password_hash`)
/// rather than at the user's first sign-in; where the shape is not standardised (`firebase-scrypt`) any
/// single token is taken.
enum ImportedHashType: String, CaseIterable, Sendable {
    case bcrypt
    case firebaseScrypt = "firebase-scrypt"
    case ssha
    case ssha256
    case scrypt
    case pbkdf2
    case argon2

    func accepts(_ hash: String) -> Bool {
        guard !hash.isEmpty, !hash.contains(where: \.isWhitespace) else { return false }
        let fields = hash.split(separator: "$", omittingEmptySubsequences: false)
        switch self {
        case .bcrypt:
            return hash.wholeMatch(of: /\$2[abxy]?\$\d{2}\$[.\/A-Za-z0-9]{53}/) != nil
        case .argon2:
            return ["argon2i", "argon2d", "argon2id"].contains(fields.dropFirst().first ?? "") && fields.count >= 5
        case .scrypt:
            return fields.count == 5 && fields[1] == "scrypt"
        case .pbkdf2:
            return fields.count == 5 && fields[1].hasPrefix("pbkdf2")
        case .ssha:
            return Self.saltedDigest(hash, prefix: "{SSHA}", digestByteCount: 20)
        case .ssha256:
            return Self.saltedDigest(hash, prefix: "{SSHA256}", digestByteCount: 32)
        case .firebaseScrypt:
            return true
        }
    }

    /// `{SSHA}base64(digest + salt)`, prefix optional: longer than the digest alone.
    private static func saltedDigest(_ hash: String, prefix: String, digestByteCount: Int) -> Bool {
        let body = hash.hasPrefix(prefix) ? String(hash.dropFirst(prefix.count)) : hash
        guard let bytes = Data(base64Encoded: body) else { return false }
        return bytes.count > digestByteCount
    }
}
