import Foundation

/// How long each short-lived credential of the SSO flow lasts, on the environment's clock.
enum Lifetimes {
    /// An authorization code, as WorkOS documents it: ten minutes, single use.
    static let authorizationCode: TimeInterval = 600
    /// An access token for `/sso/profile`: what `expires_in` reports.
    static let accessToken: TimeInterval = 600
    /// A sign-in waiting on the test identity provider's page: long enough for a person to choose.
    static let authorizationRequest: TimeInterval = 1800
    /// A logout token, meant to be used at once by a redirect.
    static let logoutToken: TimeInterval = 300
}
