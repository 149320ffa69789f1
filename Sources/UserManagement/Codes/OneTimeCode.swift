import EmulatorCore
import Foundation

/// The secrets the service mails out, and how long each lives. Expiries are read against the
/// environment clock, so a test moves the clock instead of waiting.
enum OneTimeCode {
    /// Documented by WorkOS: magic auth codes expire in 10 minutes; invitations default to 7 days and
    /// may ask for 1 to 30.
    static let magicAuthLifetime: TimeInterval = 10 * 60
    static let invitationDefaultDays = 7
    static let invitationDays = 1...30
    /// The emulator's choices where WorkOS documents none.
    static let emailVerificationLifetime: TimeInterval = 24 * 60 * 60
    static let passwordResetLifetime: TimeInterval = 60 * 60
    static let emailChangeLifetime: TimeInterval = 10 * 60

    /// A six-digit code, as WorkOS sends for magic auth, email verification and email change.
    static func digits() -> String {
        var generator = SystemRandomNumberGenerator()
        let number = Int.random(in: 0..<1_000_000, using: &generator)
        let text = String(number)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    /// An opaque link token (invitations, password resets).
    static func token() -> String { ObjectID.token(25) }
}
