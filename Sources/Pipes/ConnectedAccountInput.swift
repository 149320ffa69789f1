import EmulatorCore
import Foundation

/// The body of importing (`POST`) or updating (`PUT`) a connected account: the provider's tokens
/// (`access_token`, `refresh_token`, `expires_at`), `scopes`, an explicit `state`, the labels
/// `account_display_name` and `account_identifier` (null clears them), for an organization's account the
/// member `user_id` acting, and on import `connection_intent`. Bad fields are a 422 naming each.
struct ConnectedAccountInput: Sendable {
    var accessToken: String?
    var refreshToken: String?
    var expiresAt: Date?
    var scopes: [String]?
    var state: String?
    var userID: String?
    var connectionIntent: String?
    var accountDisplayName: FieldUpdate<String>
    var accountIdentifier: FieldUpdate<String>

    static let states: Set<String> = ["connected", "needs_reauthorization"]

    init(body: JSONBody, requiresUser: Bool) throws {
        var errors: [FieldError] = []
        accessToken = try body.string("access_token")
        refreshToken = try body.string("refresh_token")
        scopes = try body.stringArray("scopes")
        userID = try body.string("user_id")
        connectionIntent = try body.string("connection_intent")
        accountDisplayName = try body.update("account_display_name") { try body.string($0) }
        accountIdentifier = try body.update("account_identifier") { try body.string($0) }
        state = try body.string("state")
        if let state, !Self.states.contains(state) {
            errors.append(FieldError(field: "state", code: "invalid_value",
                                     message: "state must be connected or needs_reauthorization, not '\(state)'."))
        }
        if let text = try body.string("expires_at") {
            if let date = Timestamp.parse(text) {
                expiresAt = date
            } else {
                errors.append(FieldError(field: "expires_at", code: "invalid_value",
                                         message: "expires_at must be an ISO-8601 date-time, not '\(text)'."))
            }
            if accessToken == nil {
                errors.append(FieldError(field: "expires_at", code: "invalid_token_combination",
                                         message: "expires_at describes an access_token, and none was given."))
            }
        }
        if requiresUser, userID?.isEmpty ?? true {
            errors.append(FieldError(field: "user_id", code: "required", message: "user_id is required."))
        }
        guard errors.isEmpty else { throw APIError.invalidParameters(errors) }
    }

    var hasTokens: Bool { accessToken != nil || refreshToken != nil }
}
