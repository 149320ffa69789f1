/// How a user proved who they are, in the three vocabularies WorkOS uses for it: the authenticate
/// response's `authentication_method`, the session's `auth_method`, and the event family
/// (`authentication.<event>_succeeded`).
enum AuthenticationMethod: String, Codable, Sendable, CaseIterable {
    case password = "Password"
    case magicAuth = "MagicAuth"
    case googleOAuth = "GoogleOAuth"
    case microsoftOAuth = "MicrosoftOAuth"
    case gitHubOAuth = "GitHubOAuth"
    case appleOAuth = "AppleOAuth"
    /// Through an organization's identity provider (the test identity provider stands in for it).
    case sso = "SSO"
    /// A team member signed in as the user (see `Impersonation`).
    case impersonation = "Impersonation"

    /// The social providers `/user_management/authorize` takes as `provider`.
    static let oauthProviders: [AuthenticationMethod] = [.googleOAuth, .microsoftOAuth, .gitHubOAuth, .appleOAuth]

    var sessionAuthMethod: String {
        switch self {
        case .password: "password"
        case .magicAuth: "magic_code"
        case .googleOAuth, .microsoftOAuth, .gitHubOAuth, .appleOAuth: "oauth"
        case .sso: "sso"
        case .impersonation: "impersonation"
        }
    }

    var event: String {
        switch self {
        case .password: "password"
        case .magicAuth: "magic_auth"
        case .googleOAuth, .microsoftOAuth, .gitHubOAuth, .appleOAuth: "oauth"
        case .sso: "sso"
        case .impersonation: "impersonation"
        }
    }

    /// The provider's display name on the consent page.
    var providerName: String {
        switch self {
        case .googleOAuth: "Google"
        case .microsoftOAuth: "Microsoft"
        case .gitHubOAuth: "GitHub"
        case .appleOAuth: "Apple"
        case .password, .magicAuth: "AuthKit"
        case .sso: "single sign-on"
        case .impersonation: "impersonation"
        }
    }
}
