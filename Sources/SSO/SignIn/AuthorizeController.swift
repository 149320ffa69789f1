import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// `GET /sso/authorize`: where an application sends the browser to sign in. An unknown client or a
/// bad redirect URI gets an HTML page (sending the browser on would hand the user to an unvetted
/// site); every other problem goes back to the redirect URI as `error`, `error_description` and
/// `state`. A routed sign-in goes to the test identity provider's page, or, in its non-interactive
/// mode, straight back with a code.
struct AuthorizeController: Sendable {
    let redirectURIs: RedirectURI
    let handoff: SignInHandoff

    @Sendable func authorize(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = FormFields(query: request)
        guard let environment = context.environment else { return Self.unknownClient(query["client_id"]) }
        let redirectURI = query["redirect_uri"] ?? ""
        if let refusal = try await environment.read({ db in try redirectURIs.refusal(of: redirectURI, in: db) }) {
            return HTMLPage.message(title: "Invalid redirect URI", refusal, status: .badRequest)
        }
        let state = query["state"]
        @Sendable func fail(_ code: String, _ description: String) -> Response {
            .redirect(to: RedirectURI.appending([("error", code), ("error_description", description), ("state", state)],
                                                to: redirectURI), type: .found)
        }
        guard let responseType = query["response_type"] else { return fail("invalid_request", "response_type is required.") }
        guard responseType == "code" else { return fail("unsupported_response_type", "The only supported response_type is code.") }
        if let method = query["code_challenge_method"], method != "S256" {
            return fail("invalid_request", "code_challenge_method must be S256.")
        }
        let mode = query["test_idp"].map(TestIdPMode.init(rawValue:))
        if mode == .some(nil) { return fail("invalid_request", "test_idp must be page, sign_in or fail.") }
        let selector = ConnectionSelector(
            connection: query["connection"], organization: query["organization"], provider: query["provider"],
            domain: query["domain"], domainHint: query["domain_hint"], loginHint: query["login_hint"])
        let client = SignInClient(request: request, context: context)
        let clientID = environment.clientID
        let handoff = self.handoff
        return try await environment.write { tx in
            let connection: ConnectionRecord
            switch try selector.resolve(in: tx.db) {
            case .failure(let error): return fail(error.code, error.description)
            case .success(let found): connection = found
            }
            let pending = AuthorizationRequestRecord(
                connectionID: connection.id, redirectURI: redirectURI, state: state,
                codeChallenge: query["code_challenge"], loginHint: query["login_hint"], in: tx)
            return try Self.start(pending, through: connection, mode: mode.flatMap { $0 }, client: client,
                                  clientID: clientID, handoff: handoff, in: tx).response(.found)
        }
    }

    /// Takes a routed sign-in to the test identity provider: its page, or, in the non-interactive mode
    /// (`mode`, else the connection's `sign_in`), straight to the outcome.
    static func start(_ pending: AuthorizationRequestRecord, through connection: ConnectionRecord, mode: TestIdPMode?,
                      client: SignInClient, clientID: String, handoff: SignInHandoff,
                      in tx: Transaction) throws -> SignInHandoff.Answer {
        switch mode ?? (connection.signIn == .automatic ? .signIn : .page) {
        case .fail:
            return try SignInOutcome.fail(pending, email: pending.loginHint, through: connection, client: client,
                                          handoff: handoff, in: tx)
        case .signIn:
            if let user = try automaticUser(hint: pending.loginHint, of: connection, in: tx.db) {
                return try SignInOutcome.succeed(pending, as: user, through: connection, client: client,
                                                 handoff: handoff, in: tx)
            }
            // No one to sign in without a person choosing: the page asks.
            fallthrough
        case .page:
            try pending.insert(tx.db)
            return .redirect(TestIdPController.pagePath(pending.id, clientID: clientID))
        }
    }

    /// Who the non-interactive mode signs in: the offered user the `login_hint` names, or a guest
    /// with that email; without a hint, the connection's first offered user.
    static func automaticUser(hint: String?, of connection: ConnectionRecord, in db: Database) throws -> IdPUser? {
        guard let hint else { return try OfferedUserRecord.all(of: connection.id, in: db).first }
        if let offered = try OfferedUserRecord.find(email: hint, of: connection.id, in: db) { return offered }
        return IdPUser.isEmail(hint) ? IdPUser(email: hint, firstName: nil, lastName: nil) : nil
    }

    static func unknownClient(_ clientID: String?) -> Response {
        HTMLPage.message(
            title: "Unknown client",
            clientID.map { "client_id '\($0)' is not the client ID of any environment of this emulator." }
                ?? "client_id is required.",
            status: .badRequest)
    }
}

extension SignInClient {
    /// The browser's address (the first `X-Forwarded-For` hop when a proxy sits in front) and agent.
    init(request: Request, context: EmulatorRequestContext) {
        let forwarded = request.headers.first { $0.name.canonicalName == "x-forwarded-for" }?.value
            .split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
        self.init(ipAddress: forwarded ?? context.remoteAddress?.ipAddress, userAgent: request.headers[.userAgent])
    }
}
