import EmulatorCore
import Foundation

/// The body of `POST /passwordless/sessions`, checked: `email` and `type` (`MagicLink`, the only kind)
/// are required; `redirect_uri`, `state`, `expires_in` (seconds, 900 to 86400, 900 by default) and
/// `connection` (a Magic Link connection's ID) are optional. Every bad field is named in one 422.
struct NewPasswordlessSession: Sendable {
    static let lifetimes = 900...86400

    var email: String
    var redirectURI: String?
    var state: String?
    var lifetime: Int
    var connectionID: String?

    init(body: JSONBody) throws {
        var errors: [FieldError] = []
        let email = (try body.string("email") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if !IdPUser.isEmail(email) {
            errors.append(FieldError(field: "email", code: email.isEmpty ? "required" : "invalid_value",
                                     message: "email must be an email address."))
        }
        let type = try body.string("type")
        if type != "MagicLink" {
            errors.append(FieldError(field: "type", code: type == nil ? "required" : "invalid_value",
                                     message: "type must be MagicLink."))
        }
        let lifetime = try body.int("expires_in") ?? Self.lifetimes.lowerBound
        if !Self.lifetimes.contains(lifetime) {
            errors.append(FieldError(field: "expires_in", code: "invalid_value",
                                     message: "expires_in must be between \(Self.lifetimes.lowerBound) and \(Self.lifetimes.upperBound) seconds."))
        }
        guard errors.isEmpty else { throw APIError.invalidParameters(errors) }
        self.email = email
        self.lifetime = lifetime
        redirectURI = try body.string("redirect_uri")
        state = try body.string("state")
        connectionID = try body.string("connection")
    }
}
