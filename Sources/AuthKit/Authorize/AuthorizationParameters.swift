import EmulatorCore
import Foundation

/// The query of `/user_management/authorize`, checked. Problems with the client or the redirect URI
/// are shown on an error page (redirecting to an unchecked URI would be an open redirect); every other
/// problem goes back to the redirect URI as `error`, `error_description` and `state`.
struct AuthorizationParameters: Codable, Sendable {
    var clientID: String
    var redirectURI: String
    var state: String?
    var codeChallenge: String?
    /// `authkit`, a social provider (`GoogleOAuth`, …), or nil when an organization or connection selects.
    var provider: String?
    var connectionID: String?
    var organizationID: String?
    var loginHint: String?
    var screenHint: String?
    var invitationToken: String?
    /// Set when the sign-in approves a device (CLI Auth) instead of redirecting with a code.
    var deviceCode: String?

    /// A failure that goes back to the application's redirect URI.
    struct Redirected: Error {
        let error: String
        let description: String
    }

    /// Reads the parameters the redirect URI's owner is answerable for; throws `Redirected`.
    init(query: QueryParameters, clientID: String, redirectURI: String) throws {
        self.clientID = clientID
        self.redirectURI = redirectURI
        state = query.string("state")
        guard query.string("response_type") == "code" else {
            throw Redirected(error: "unsupported_response_type", description: "response_type must be code.")
        }
        codeChallenge = query.string("code_challenge")
        let method = query.string("code_challenge_method")
        if codeChallenge != nil || method != nil {
            guard method == "S256", codeChallenge != nil else {
                throw Redirected(error: "invalid_request",
                                 description: "PKCE needs code_challenge with code_challenge_method=S256.")
            }
        }
        provider = query.string("provider")
        if let provider, provider != "authkit", AuthenticationMethod.oauthProvider(provider) == nil {
            throw Redirected(error: "invalid_request", description: "provider '\(provider)' is not supported.")
        }
        connectionID = query.string("connection_id")
        organizationID = query.string("organization_id")
        guard provider != nil || connectionID != nil || organizationID != nil else {
            throw Redirected(error: "invalid_request", description: "One of provider, connection_id or organization_id is required.")
        }
        loginHint = query.string("login_hint")
        screenHint = query.string("screen_hint")
        if let screenHint, screenHint != "sign-in", screenHint != "sign-up" {
            throw Redirected(error: "invalid_request", description: "screen_hint must be sign-in or sign-up.")
        }
        invitationToken = query.string("invitation_token")
    }

    /// A device page's sign-in: it approves the device; there is no redirect URI.
    init(approvingDevice deviceCode: String, clientID: String) {
        self.clientID = clientID
        redirectURI = ""
        provider = "authkit"
        self.deviceCode = deviceCode
    }

    /// An invitation link's sign-in: it accepts the invitation, then goes to the environment's default
    /// redirect URI (or, without one, ends on a page).
    init(invitation token: String, email: String, clientID: String, redirectURI: String?) {
        self.clientID = clientID
        self.redirectURI = redirectURI ?? ""
        provider = "authkit"
        loginHint = email
        invitationToken = token
    }

    /// The social provider chosen, if any.
    var oauthProvider: AuthenticationMethod? { provider.flatMap(AuthenticationMethod.oauthProvider) }

    /// `redirect_uri?code=…&state=…`, or `?error=…&error_description=…&state=…`.
    func redirect(_ items: [(String, String)]) -> String { Self.redirect(redirectURI, items, state: state) }

    /// `uri` with `items` (and `state`) added to its query.
    static func redirect(_ uri: String, _ items: [(String, String)], state: String?) -> String {
        guard var components = URLComponents(string: uri) else { return uri }
        var query = components.queryItems ?? []
        query += items.map { URLQueryItem(name: $0.0, value: $0.1) }
        if let state { query.append(URLQueryItem(name: "state", value: state)) }
        components.queryItems = query
        return components.string ?? uri
    }
}

extension AuthenticationMethod {
    static func oauthProvider(_ name: String) -> AuthenticationMethod? {
        oauthProviders.first { $0.rawValue == name }
    }
}
