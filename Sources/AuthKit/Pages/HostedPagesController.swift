import EmulatorCore
import Hummingbird
import UserManagement

/// The hosted sign-in pages under `/authkit/`: plain HTML forms. Each form carries the authorization
/// request's ID, whose prefix is the client ID, so every post finds its environment without a key.
public struct HostedPagesController: Sendable {
    let environment: @Sendable (_ clientID: String) -> Environment?

    public init(environment: @escaping @Sendable (_ clientID: String) -> EmulatorCore.Environment?) {
        self.environment = environment
    }

    public func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        let pages = browser.group("authkit")
        pages.get("sign-in", use: signInPage)
        pages.post("sign-in", use: signIn)
        pages.get("sign-up", use: signUpPage)
        pages.post("sign-up", use: signUp)
        pages.post("magic-code/send", use: sendMagicCode)
        pages.post("magic-code", use: magicCode)
        pages.get("provider", use: consentPage)
        pages.post("provider", use: consent)
        pages.post("verify-email", use: verifyEmail)
        pages.post("mfa", use: mfa)
        pages.post("mfa/enroll", use: enrollMFA)
        pages.post("organization", use: selectOrganization)
    }

    @Sendable func signInPage(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await step(QueryParameters(request).string("request")) { _, pending in .page(SignInPages.signIn(pending)) }
    }

    @Sendable func signUpPage(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await step(QueryParameters(request).string("request")) { _, pending in .page(SignInPages.signUp(pending)) }
    }

    @Sendable func consentPage(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        return try await step(query.string("request")) { _, pending in
            guard let provider = query.string("provider").flatMap(AuthenticationMethod.oauthProvider) else {
                return .page(SignInPages.signIn(pending, error: "Unknown provider."))
            }
            return .page(SignInPages.consent(pending, provider: provider))
        }
    }

    /// Email and password; scrypt runs before the transaction. An email in the verified domain of an
    /// organization with an active SSO connection goes to that connection instead, password or not.
    @Sendable func signIn(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let client = ClientInfo(browser: request, context: context)
        let email = form["email"] ?? ""
        let account = try await environment(of: form["request"])?.read { db in try UserManagementAPI.account(email: email, in: db) }
        let matches = account?.passwordMatches(form["password"] ?? "") ?? false
        return try await step(form["request"]) { tx, pending in
            if let connectionID = try SSORoute.connectionID(forEmail: email, in: tx.db) {
                return try SSOSignIn.begin(pending, connectionID: connectionID, loginHint: email, mode: nil, client: client, in: tx)
            }
            guard !(form["password"] ?? "").isEmpty else {
                return .page(SignInPages.signIn(pending, email: email, error: "Enter your password."))
            }
            guard let account, matches else {
                let error = APIError(.badRequest, code: "invalid_credentials", message: "Invalid credentials.")
                try AuthenticationEvent.failed("password", userID: account?.id, email: email, error: error,
                                               client: client, in: tx)
                return .page(SignInPages.signIn(pending, email: email, error: "The email or password is incorrect."))
            }
            return try HostedFlow.advance(pending, with: HostedFlow.attempt(account.id, .password, for: pending, from: client), in: tx)
        }
    }

    @Sendable func signUp(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let client = ClientInfo(browser: request, context: context)
        let password: NewPassword
        do {
            password = try NewPassword(form["password"] ?? "")
        } catch let error as APIError {
            return try await step(form["request"]) { _, pending in .page(SignInPages.signUp(pending, fields: form, error: Self.describe(error))) }
        }
        return try await step(form["request"]) { tx, pending in
            if let email = form["email"], let connectionID = try SSORoute.connectionID(forEmail: email, in: tx.db) {
                return try SSOSignIn.begin(pending, connectionID: connectionID, loginHint: email, mode: nil, client: client, in: tx)
            }
            do {
                let account = try UserManagementAPI.signUp(email: form["email"] ?? "", password: password,
                                                           firstName: form["first_name"], lastName: form["last_name"], in: tx)
                return try HostedFlow.advance(pending, with: HostedFlow.attempt(account.id, .password, for: pending, from: client), in: tx)
            } catch let error as APIError {
                return .page(SignInPages.signUp(pending, fields: form, error: Self.describe(error)))
            }
        }
    }

    @Sendable func sendMagicCode(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let client = ClientInfo(browser: request, context: context)
        return try await step(form["request"]) { tx, pending in
            guard let email = form["email"] else { return .page(SignInPages.signIn(pending, error: "Enter your email.")) }
            if let connectionID = try SSORoute.connectionID(forEmail: email, in: tx.db) {
                return try SSOSignIn.begin(pending, connectionID: connectionID, loginHint: email, mode: nil, client: client, in: tx)
            }
            do {
                try UserManagementAPI.sendMagicAuthCode(email: email, in: tx)
            } catch let error as APIError {
                return .page(SignInPages.signIn(pending, email: email, error: Self.describe(error)))
            }
            return .page(SignInPages.magicCode(pending, email: email))
        }
    }

    @Sendable func magicCode(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let client = ClientInfo(browser: request, context: context)
        return try await step(form["request"]) { tx, pending in
            let email = form["email"] ?? ""
            let check = try UserManagementAPI.redeemMagicAuthCode(email: email, code: form["code"] ?? "", in: tx)
            guard case .valid(let account) = check else {
                return .page(SignInPages.magicCode(pending, email: email, error: Self.describe(check.error!)))
            }
            return try HostedFlow.advance(pending, with: HostedFlow.attempt(account.id, .magicAuth, for: pending, from: client, emailVerified: true), in: tx)
        }
    }

    @Sendable func consent(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let client = ClientInfo(browser: request, context: context)
        return try await step(form["request"]) { tx, pending in
            guard let provider = form["provider"].flatMap(AuthenticationMethod.oauthProvider) else {
                return .page(SignInPages.signIn(pending, error: "Unknown provider."))
            }
            do {
                let account = try EmulatedProvider.signIn(email: form["email"] ?? "", firstName: form["first_name"],
                                                          lastName: form["last_name"], provider: provider, in: tx)
                return try HostedFlow.advance(pending, with: HostedFlow.attempt(account.id, provider, for: pending, from: client, emailVerified: true), in: tx)
            } catch let error as APIError {
                return .page(SignInPages.consent(pending, provider: provider, error: Self.describe(error)))
            }
        }
    }

    @Sendable func verifyEmail(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        return try await step(form["request"]) { tx, pending in
            guard var attempt = pending.attempt else { return .page(SignInPages.signIn(pending)) }
            let check = try UserManagementAPI.redeemEmailVerificationCode(userID: attempt.userID, code: form["code"] ?? "", in: tx)
            guard case .valid(let account) = check else {
                let user = try UserManagementAPI.account(attempt.userID, in: tx.db)
                return .page(StepUpPages.page(for: .emailVerification(user: user, verificationID: ""), request: pending,
                                              error: Self.describe(check.error!)))
            }
            try AuthenticationEvent.succeeded("email_verification", user: (account.id, account.email), attempt: attempt, in: tx)
            attempt.emailVerified = true
            return try HostedFlow.advance(pending, with: attempt, in: tx)
        }
    }

    /// A code of any of the user's TOTP factors.
    @Sendable func mfa(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let client = ClientInfo(browser: request, context: context)
        return try await step(form["request"]) { tx, pending in
            guard var attempt = pending.attempt else { return .page(SignInPages.signIn(pending)) }
            let user = try UserManagementAPI.account(attempt.userID, in: tx.db)
            let factors = try AuthFactorRecord.totpFactors(of: user.id, in: tx.db)
            let code = form["code"] ?? ""
            guard factors.contains(where: { TOTP.verify(code, secret: $0.totpSecret ?? "", at: tx.now) }) else {
                let error = APIError(.badRequest, code: "invalid_one_time_code", message: "The code is invalid.")
                try AuthenticationEvent.failed("mfa", userID: user.id, email: user.email, error: error, client: client, in: tx)
                return .page(StepUpPages.page(for: .mfaChallenge(user: user, factors: factors), request: pending,
                                              error: "That code is not right. Try the one your app shows now."))
            }
            try AuthenticationEvent.succeeded("mfa", user: (user.id, user.email), attempt: attempt, in: tx)
            attempt.mfaPassed = true
            return try HostedFlow.advance(pending, with: attempt, in: tx)
        }
    }

    /// Keeps the secret the page showed as the user's factor once a code proves the app has it.
    @Sendable func enrollMFA(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        return try await step(form["request"]) { tx, pending in
            guard var attempt = pending.attempt, let secret = form["secret"], TOTP.isValidSecret(secret) else {
                return .page(SignInPages.signIn(pending))
            }
            let user = try UserManagementAPI.account(attempt.userID, in: tx.db)
            guard TOTP.verify(form["code"] ?? "", secret: secret, at: tx.now) else {
                return .page(StepUpPages.enrollment(request: pending, user: user, secret: secret,
                                                    error: "That code is not right. Try the one your app shows now."))
            }
            try FactorEnrollment.totp(userID: user.id, issuer: "WorkOS Emulator", user: user.email, secret: secret, in: tx)
            try AuthenticationEvent.succeeded("mfa", user: (user.id, user.email), attempt: attempt, in: tx)
            attempt.mfaPassed = true
            return try HostedFlow.advance(pending, with: attempt, in: tx)
        }
    }

    @Sendable func selectOrganization(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        return try await step(form["request"]) { tx, pending in
            guard var attempt = pending.attempt else { return .page(SignInPages.signIn(pending)) }
            let active = try UserManagementAPI.memberships(of: attempt.userID, in: tx.db).filter { $0.status == "active" }
            guard let chosen = active.first(where: { $0.organizationID == form["organization_id"] }) else {
                let user = try UserManagementAPI.account(attempt.userID, in: tx.db)
                return .page(StepUpPages.page(for: .organizationSelection(user: user, organizations: active), request: pending,
                                              error: "Choose one of your organizations."))
            }
            attempt.organizationID = chosen.organizationID
            attempt.joinsOrganization = false
            return try HostedFlow.advance(pending, with: attempt, in: tx)
        }
    }

    // MARK: running a step

    private func environment(of requestID: String?) -> Environment? {
        requestID.flatMap { environment(AuthorizationRequestRecord.clientID(of: $0)) }
    }

    /// Runs one step in a transaction of the request's environment; an unknown or expired request is
    /// a page saying to start again.
    private func step(_ requestID: String?,
                      _ body: @escaping @Sendable (Transaction, AuthorizationRequestRecord) throws -> HostedFlow.Next) async throws -> Response {
        guard let requestID, let environment = environment(of: requestID) else {
            return .html(SignInPages.expired(), status: .badRequest)
        }
        do {
            switch try await environment.write({ tx in try body(tx, try AuthorizationRequestRecord.find(requestID, in: tx)) }) {
            case .page(let html): return .html(html)
            case .redirect(let location): return .redirect(to: location)
            }
        } catch PageError.requestExpired {
            return .html(SignInPages.expired(), status: .badRequest)
        } catch let error as APIError {
            // A sign-in the environment refuses (a spent invitation, an organization the user is not in).
            return .html(SignInPages.authorizeError(Self.describe(error)), status: .badRequest)
        }
    }

    static func describe(_ error: APIError) -> String {
        let details = error.body["errors"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
        let message = error.body["message"]?.stringValue ?? error.body["error_description"]?.stringValue ?? "Something went wrong."
        return ([message] + details).joined(separator: " ")
    }
}
