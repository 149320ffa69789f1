import EmulatorCore
import GRDB

/// A user as signing in sees it: who it is, whether its address is verified, and a way to check a
/// password without the hash ever leaving this area.
public struct UserAccount: Sendable {
    public let id: String
    public let email: String
    public let emailVerified: Bool
    /// The user as the API answers it.
    public let wire: JSON
    let password: StoredPassword?

    init(_ record: UserRecord) {
        id = record.id
        email = record.email
        emailVerified = record.emailVerified
        wire = record.wire
        password = record.password
    }

    public var hasPassword: Bool { password != nil }

    /// Whether the password is the user's. Runs scrypt (tens of milliseconds), so call it outside a
    /// write transaction. Imported hashes of other algorithms have no verifier yet and never match.
    public func passwordMatches(_ candidate: String) -> Bool {
        guard let password, password.type == ImportedHashType.scrypt.rawValue else { return false }
        return PasswordHasher.verify(candidate, against: password.hash)
    }
}

/// A password chosen at sign-up: checked against the policy (WorkOS's 400 `password_strength_error`)
/// and hashed when made, so the transaction that stores it never waits on scrypt.
public struct NewPassword: Sendable {
    let stored: StoredPassword

    public init(_ plaintext: String) throws {
        try PasswordPolicy.check(plaintext)
        stored = try StoredPassword.hashing(plaintext)
    }
}

/// A user's membership as signing in needs it: the organization (with its name, for the selection
/// step) and the role slugs that go into the access token.
public struct MembershipSummary: Sendable, Equatable {
    public let id: String
    public let organizationID: String
    public let organizationName: String
    public let status: String
    public let roleSlugs: [String]
}
