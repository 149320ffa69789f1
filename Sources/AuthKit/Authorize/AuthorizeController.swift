import Foundation
import EmulatorCore
import Hummingbird
import Organizations
import SSO
import UserManagement

/// `GET /user_management/authorize`: starts a sign-in. With automatic sign-in (the environment's
/// setting, or `emulator_sign_in=automatic` on the URL) it redirects at once with a code for the
/// `login_hint` user; otherwise it opens the hosted pages. Public: the client ID names the environment.
///
/// A `connection_id`, an `organization_id` with an active SSO connection, or a `domain_hint` or
/// `login_hint` in the verified domain of such an organization sends the sign-in through that
/// connection at the test identity provider instead (see `SSOSignIn`); `test_idp` chooses its mode.
public struct AuthorizeController: Sendable {
    let environment: @Sendable (_ clientID: String) -> Environment?

    public init(environment: @escaping @Sendable (_ clientID: String) -> EmulatorCore.Environment?) {
        self.environment = environment
    }

    public func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.get("user_management/authorize", use: authorize)
    }

    @Sendable func authorize(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        guard let clientID = query.string("client_id"), let environment = environment(clientID) else {
            return .html(SignInPages.authorizeError("client_id is missing or unknown."), status: .badRequest)
        }
        guard let redirectURI = query.string("redirect_uri"),
              try await environment.read({ db in try RedirectURIRecord.allows(redirectURI, in: db) }) else {
            return .html(SignInPages.authorizeError(
                "redirect_uri is missing or not registered. Loopback URIs are always allowed; register others with POST /user_management/redirect_uris."),
                status: .badRequest)
        }
        let parameters: AuthorizationParameters
        do {
            parameters = try AuthorizationParameters(query: query, clientID: clientID, redirectURI: redirectURI)
        } catch let failure as AuthorizationParameters.Redirected {
            return .redirect(to: failure.redirect(to: redirectURI, state: query.string("state")))
        }
        if let organizationID = parameters.organizationID,
           try await environment.read({ db in (try? OrganizationsAPI.summary(of: organizationID, in: db)) == nil }) {
            return .redirect(to: parameters.redirect([("error", "organization_invalid"),
                                                      ("error_description", "Organization '\(organizationID)' does not exist.")]))
        }
        let testIdP = query.string("test_idp").map(TestIdPMode.init(rawValue:))
        if testIdP == .some(nil) {
            return .redirect(to: parameters.redirect([("error", "invalid_request"),
                                                      ("error_description", "test_idp must be page, sign_in or fail.")]))
        }
        let automatic = query.string("emulator_sign_in") == "automatic"
        let domainHint = query.string("domain_hint")
        let client = ClientInfo(browser: request, context: context)
        let next = try await environment.write { tx -> HostedFlow.Next in
            let settings = try AuthKitSettings.current(in: tx.db)
            switch try SSORoute.connection(for: parameters, domainHint: domainHint, in: tx.db) {
            case .failure(let error):
                return .redirect(parameters.redirect([("error", error.code), ("error_description", error.description)]))
            case .success(let connection):
                // Automatic sign-in reaches through the identity provider too: it signs the login_hint in.
                let mode = testIdP.flatMap { $0 } ?? (automatic || settings.automaticSignIn ? .signIn : nil)
                let pending = try AuthorizationRequestRecord.open(parameters, in: tx)
                return try SSOSignIn.begin(pending, connectionID: connection.id, loginHint: parameters.loginHint,
                                           mode: mode, client: client, in: tx)
            case nil: break
            }
            if automatic || settings.automaticSignIn {
                return .redirect(try Self.signInAutomatically(parameters, as: parameters.loginHint ?? settings.signInAs, in: tx))
            }
            let pending = try AuthorizationRequestRecord.open(parameters, in: tx)
            let id = pending.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "._-"))) ?? pending.id
            if let provider = parameters.oauthProvider { return .redirect("/authkit/provider?request=\(id)&provider=\(provider.rawValue)") }
            return .redirect(parameters.screenHint == "sign-up" ? "/authkit/sign-up?request=\(id)" : "/authkit/sign-in?request=\(id)")
        }
        switch next {
        case .redirect(let location): return .redirect(to: location)
        case .page(let html): return .html(html)
        }
    }

    /// A code for the user named, straight away. A social provider signs the address up if it is new;
    /// AuthKit itself needs an existing user. Requirements (verification, MFA, organization selection)
    /// are left to the code exchange, which answers them as the API's 403 step-ups.
    static func signInAutomatically(_ parameters: AuthorizationParameters, as email: String?, in tx: Transaction) throws -> String {
        guard let email else {
            return parameters.redirect([("error", "access_denied"),
                                        ("error_description", "Automatic sign-in needs a login_hint (or the sign_in_as setting).")])
        }
        let account: UserAccount
        if let provider = parameters.oauthProvider {
            account = try EmulatedProvider.signIn(email: email, provider: provider, in: tx)
        } else if let existing = try UserManagementAPI.account(email: email, in: tx.db) {
            account = existing
        } else {
            return parameters.redirect([("error", "access_denied"), ("error_description", "No user has the email \(email).")])
        }
        var attempt = SignInAttempt(userID: account.id, method: parameters.oauthProvider ?? .password)
        attempt.organizationID = parameters.organizationID
        attempt.joinsOrganization = parameters.organizationID != nil
        attempt.invitationToken = parameters.invitationToken
        let code = try AuthorizationCodeRecord.issue(attempt, for: parameters, in: tx)
        return parameters.redirect([("code", code.code)])
    }
}

extension AuthorizationParameters.Redirected {
    /// The failure as the redirect URI receives it.
    func redirect(to redirectURI: String, state: String?) -> String {
        AuthorizationParameters.redirect(redirectURI, [("error", error), ("error_description", description)], state: state)
    }
}
