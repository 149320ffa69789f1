/// A user's password as stored: a hash and the algorithm that made it. Passwords set through the API
/// are hashed here with scrypt (`PasswordHasher`); imported hashes keep their own algorithm, to be
/// checked with it at sign-in.
struct StoredPassword: Equatable, Sendable {
    var hash: String
    var type: String
    var saltPosition: String?

    static func hashing(_ password: String) throws -> StoredPassword {
        StoredPassword(hash: try PasswordHasher.hash(password), type: ImportedHashType.scrypt.rawValue)
    }
}
