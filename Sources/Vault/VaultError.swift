import EmulatorCore
import Hummingbird

/// Vault answers errors in its own shape, `{"error": "…"}` (the spec's `Error` schema), not in the
/// `{code, message}` of the other areas.
enum VaultError {
    static func invalid(_ message: String, status: HTTPResponse.Status = .unprocessableContent) -> APIError {
        APIError(status, body: ["error": .string(message)])
    }

    static func notFound(_ what: String) -> APIError {
        APIError(.notFound, body: ["error": .string("\(what) not found.")])
    }

    static func versionMismatch(expected: String, current: String) -> APIError {
        APIError(.conflict, body: ["error": .string("Version check failed: the current version is '\(current)', not '\(expected)'.")])
    }

    /// Encrypted keys that do not open: malformed, tampered with (their context included), or sealed by
    /// another environment's key.
    static let undecryptableKeys = invalid("The encrypted keys could not be decrypted.", status: .badRequest)
}
