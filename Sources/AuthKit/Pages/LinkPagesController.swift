import EmulatorCore
import Foundation
import GRDB
import Hummingbird
import UserManagement

/// The pages behind the links the emulator mails: `/invite?invitation_token=…` (sign up or in, which
/// accepts the invitation, then back to the environment's default redirect URI) and
/// `/reset-password?token=…` (choose a new password). The links name no client, so the environments
/// are searched for the token.
public struct LinkPagesController: Sendable {
    let environments: @Sendable () -> [Environment]

    public init(environments: @escaping @Sendable () -> [EmulatorCore.Environment]) {
        self.environments = environments
    }

    public func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.get("invite", use: invite)
        browser.get("reset-password", use: resetPage)
        browser.post("reset-password", use: reset)
    }

    @Sendable func invite(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let token = QueryParameters(request).string("invitation_token") ?? ""
        let invalid = Response.html(LinkPages.invalid("This invitation is invalid, expired or already accepted."), status: .badRequest)
        let found = try await owner { db, now in try UserManagementAPI.pendingInvitation(token: token, at: now, in: db) != nil }
        guard let environment = found else { return invalid }
        // Looked up again in the write: the invitation may have expired or been accepted since.
        let location = try await environment.write { tx -> String? in
            guard let (email, _) = try UserManagementAPI.pendingInvitation(token: token, at: tx.now, in: tx.db) else {
                return nil
            }
            let redirectURI = try RedirectURIRecord.defaultURI(in: tx.db)
            let parameters = AuthorizationParameters(invitation: token, email: email, clientID: environment.clientID,
                                                     redirectURI: redirectURI)
            let pending = try AuthorizationRequestRecord.open(parameters, in: tx)
            let page = try UserManagementAPI.account(email: email, in: tx.db) == nil ? "sign-up" : "sign-in"
            return "/authkit/\(page)?request=\(pending.id)"
        }
        guard let location else { return invalid }
        return .redirect(to: location)
    }

    @Sendable func resetPage(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let token = QueryParameters(request).string("token") ?? ""
        guard try await owner(ofReset: token) != nil else {
            return .html(LinkPages.invalid("This password reset link is invalid, expired or already used."), status: .badRequest)
        }
        return .html(LinkPages.reset(token: token))
    }

    /// Runs the same `password_reset_error` checks as the API; a failure shows the form again with why.
    @Sendable func reset(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let form = try await FormBody.read(request)
        let token = form["token"] ?? ""
        guard let environment = try await owner(ofReset: token) else {
            return .html(LinkPages.invalid("This password reset link is invalid, expired or already used."), status: .badRequest)
        }
        do {
            let password = try ResetPassword(form["password"] ?? "")
            _ = try await environment.write { tx in try UserManagementAPI.resetPassword(token: token, to: password, in: tx) }
        } catch let error as APIError {
            let reasons = error.body["errors"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
            return .html(LinkPages.reset(token: token, error: reasons.joined(separator: " ")))
        }
        return .html(LinkPages.done("Password changed", "Your password has been changed. Sign in with it from the application."))
    }

    private func owner(ofReset token: String) async throws -> Environment? {
        try await owner { db, now in try UserManagementAPI.passwordResetIsUsable(token: token, at: now, in: db) }
    }

    /// The environment where `holds` is true.
    private func owner(_ holds: @escaping @Sendable (Database, Date) throws -> Bool) async throws -> Environment? {
        for environment in environments() {
            let now = environment.clock.now()
            if try await environment.read({ db in try holds(db, now) }) { return environment }
        }
        return nil
    }
}

enum LinkPages {
    static func reset(token: String, error: String? = nil) -> String {
        HTML.page(title: "Choose a new password", error: error, """
        <form method="post" action="/reset-password">
        \(HTML.hidden("token", token))
        \(HTML.field("password", label: "New password", type: "password", autocomplete: "new-password"))
        <button type="submit">Change password</button>
        </form>
        """)
    }

    static func invalid(_ message: String) -> String {
        HTML.page(title: "Link not valid", error: message, "<p>Ask for a new one from the application.</p>")
    }

    static func done(_ title: String, _ message: String) -> String {
        HTML.page(title: title, "<p>\(HTML.escape(message))</p>")
    }
}
