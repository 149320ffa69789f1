import EmulatorCore

/// The password fields of a user create or update: a plaintext `password`, or an imported
/// `password_hash` + `password_hash_type` (+ `password_salt_position`, for `ssha256` only). The two
/// forms exclude each other, with WorkOS's 400 codes when mixed.
enum PasswordInput {
    case plaintext(String)
    case imported(StoredPassword)

    /// nil when the body sets no password.
    static func read(from body: JSONBody) throws -> PasswordInput? {
        let password = try body.string("password")
        let hash = try body.string("password_hash")
        let type = try body.string("password_hash_type")
        let saltPosition = try body.string("password_salt_position")
        if password != nil && hash != nil {
            throw rejected("password_and_password_hash_provided", "Provide either password or password_hash, not both.")
        }
        if password != nil && type != nil {
            throw rejected("password_and_password_hash_type_provided", "password_hash_type goes with password_hash, not password.")
        }
        if saltPosition != nil && hash == nil {
            throw rejected("password_salt_position_requires_password_hash", "password_salt_position requires password_hash.")
        }
        if let password { return .plaintext(password) }
        guard hash != nil || type != nil else { return nil }
        guard let hash, !hash.isEmpty else { throw JSONBody.required("password_hash") }
        guard let type else { throw JSONBody.required("password_hash_type") }
        guard let algorithm = ImportedHashType(rawValue: type) else {
            throw APIError.invalidParameter("password_hash_type", code: "invalid_value",
                "password_hash_type must be one of \(ImportedHashType.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if let saltPosition {
            guard algorithm == .ssha256 else {
                throw APIError.invalidParameter("password_salt_position", code: "invalid_value",
                                                "password_salt_position applies to ssha256 hashes only.")
            }
            guard saltPosition == "prefix" || saltPosition == "suffix" else {
                throw APIError.invalidParameter("password_salt_position", code: "invalid_value",
                                                "password_salt_position must be prefix or suffix.")
            }
        }
        guard algorithm.accepts(hash) else {
            throw rejected("invalid_password_hash", "password_hash is not a valid \(type) hash.")
        }
        return .imported(StoredPassword(hash: hash, type: type,
                                        saltPosition: algorithm == .ssha256 ? saltPosition ?? "suffix" : nil))
    }

    /// What to store: a plaintext is checked against the policy (`password_strength_error`) and hashed;
    /// an import is kept as given. Runs before the write, so the transaction never waits on scrypt.
    func stored() throws -> StoredPassword {
        switch self {
        case .plaintext(let password):
            try PasswordPolicy.check(password)
            return try StoredPassword.hashing(password)
        case .imported(let stored):
            return stored
        }
    }

    private static func rejected(_ code: String, _ message: String) -> APIError {
        APIError(.badRequest, code: code, message: message)
    }
}
