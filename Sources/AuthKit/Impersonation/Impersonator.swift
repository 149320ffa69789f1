import EmulatorCore

/// The team member behind an impersonation and the reason they gave, as WorkOS reports them on the
/// authenticate response, the session and `session.created`; the access token names them in `act`.
struct Impersonator: Codable, Sendable, Equatable {
    var email: String
    var reason: String

    var wire: JSON { ["email": .string(email), "reason": .string(reason)] }

    /// RFC 8693's actor claim, as WorkOS fills it: `{"sub": <impersonator's email>}`.
    var actClaim: JSON { ["sub": .string(email)] }
}
