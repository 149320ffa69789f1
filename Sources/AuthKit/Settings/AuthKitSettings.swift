import EmulatorCore
import GRDB

/// How an environment's AuthKit behaves where WorkOS leaves it to the dashboard: the single row of
/// `authkit_settings`, read with defaults when absent. Set through `/_emulator/authkit`.
struct AuthKitSettings: EmulatorRecord {
    static let databaseTableName = "authkit_settings"
    static let defaultAccessTokenLifetime = 300
    static let accessTokenLifetimes = 1...86_400
    /// The settings' keys, in the control API's bodies and in a scenario's `authkit:` section alike.
    static let fields: Set<String> = ["automatic_sign_in", "sign_in_as", "email_verification_required", "mfa_required",
                                      "access_token_lifetime_seconds"]

    var id = 1
    /// `/user_management/authorize` redirects at once with a code, for `login_hint` (or `signInAs`),
    /// instead of showing the hosted pages: API-only tests and apps that build the URL themselves need
    /// no browser.
    var automaticSignIn = false
    var signInAs: String?
    /// An unverified address must be verified (by a mailed code) before a session is issued.
    var emailVerificationRequired = false
    /// Every user must have a TOTP factor; one without is asked to enrol (`mfa_enrollment`).
    var mfaRequired = false
    var accessTokenLifetimeSeconds = defaultAccessTokenLifetime

    static func current(in db: Database) throws -> AuthKitSettings {
        try fetchOne(db) ?? AuthKitSettings()
    }

    var wire: JSON {
        [
            "object": "authkit_settings",
            "automatic_sign_in": .bool(automaticSignIn),
            "sign_in_as": .string(signInAs),
            "email_verification_required": .bool(emailVerificationRequired),
            "mfa_required": .bool(mfaRequired),
            "access_token_lifetime_seconds": .int(accessTokenLifetimeSeconds),
        ]
    }
}
