import EmulatorCore
import Hummingbird

/// `/_emulator/authkit`: read and change the environment's AuthKit settings (see `AuthKitSettings`).
/// A control route: unknown fields are errors.
public struct AuthKitSettingsController: Sendable {
    public init() {}

    public func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.get("authkit", use: get)
        control.put("authkit", use: update)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        .json(try await context.env().read { db in try AuthKitSettings.current(in: db).wire })
    }

    /// Changes the fields the body names; `sign_in_as: null` clears it.
    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: AuthKitSettings.fields)
        let automatic = try body.bool("automatic_sign_in")
        let signInAs = try body.update("sign_in_as", body.string)
        let emailVerification = try body.bool("email_verification_required")
        let mfa = try body.bool("mfa_required")
        let lifetime = try body.int("access_token_lifetime_seconds")
        if let lifetime, !AuthKitSettings.accessTokenLifetimes.contains(lifetime) {
            throw APIError.invalidParameter("access_token_lifetime_seconds", code: "invalid_value",
                                            "access_token_lifetime_seconds must be between 1 and 86400.")
        }
        return .json(try await context.env().write { tx in
            var settings = try AuthKitSettings.current(in: tx.db)
            settings.automaticSignIn = automatic ?? settings.automaticSignIn
            settings.signInAs = signInAs.applied(to: settings.signInAs)
            settings.emailVerificationRequired = emailVerification ?? settings.emailVerificationRequired
            settings.mfaRequired = mfa ?? settings.mfaRequired
            settings.accessTokenLifetimeSeconds = lifetime ?? settings.accessTokenLifetimeSeconds
            try settings.save(tx.db)
            return settings.wire
        })
    }
}
