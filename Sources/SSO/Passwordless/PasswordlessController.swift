import EmulatorCore
import Foundation
import Hummingbird

/// Magic Link, WorkOS's legacy passwordless sign-in: `POST /passwordless/sessions` makes a one-time link
/// for an address, `POST /passwordless/sessions/{id}/send` mails it (captured in the outbox, as every
/// email is). The link signs the address in through a Magic Link connection and returns to the redirect
/// URI with a code for `/sso/token`, exactly as an SSO sign-in does (see `MagicLinkController`).
struct PasswordlessController: Sendable {
    let redirectURIs: RedirectURI

    func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.post("passwordless/sessions", use: create)
        api.post("passwordless/sessions/:id/send", use: send)
    }

    /// The redirect URI must be one a sign-in may return to; without one, the environment's default
    /// redirect URI (`/user_management/redirect_uris`) is used, and there must be one.
    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let new = try NewPasswordlessSession(body: try await JSONBody.read(request))
        let environment = try context.env()
        let baseURL = request.emulatorBaseURL
        let session = try await environment.write { tx in
            let connection = try MagicLinkConnection.resolve(email: new.email, connectionID: new.connectionID, in: tx)
            let redirectURI: String
            if let asked = new.redirectURI {
                if let refusal = try redirectURIs.refusal(of: asked, in: tx.db) {
                    throw APIError.invalidParameter("redirect_uri", code: "invalid_value", refusal)
                }
                redirectURI = asked
            } else if let fallback = try redirectURIs.defaultURI(tx.db) {
                redirectURI = fallback
            } else {
                throw APIError.invalidParameter("redirect_uri", code: "required",
                                                "redirect_uri is required: the environment has no default redirect URI (register one with POST /user_management/redirect_uris).")
            }
            let token = ClientBoundToken.make(clientID: environment.clientID)
            let record = PasswordlessSessionRecord(
                id: tx.newID("passwordless_session"), connectionId: connection.id, email: new.email, token: token,
                link: "\(baseURL)/passwordless/\(token)/confirm", redirectUri: redirectURI, state: new.state,
                expiresAt: tx.now.addingTimeInterval(TimeInterval(new.lifetime)), usedAt: nil, createdAt: tx.now)
            try record.insert(tx.db)
            return record.wire
        }
        return .json(session, status: .created)
    }

    /// Mails the link: `{"success": true}`, as the SDKs read it. A used or expired link is not sent (422).
    @Sendable func send(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            let session = try PasswordlessSessionRecord.find(id, in: tx.db)
            guard session.isUsable(at: tx.now) else {
                throw APIError(.unprocessableContent, code: "passwordless_session_expired",
                               message: "Passwordless Session '\(id)' has expired or was already used.")
            }
            try tx.send(to: session.email, kind: "magic_link", subject: "Your Magic Link", token: session.token,
                        url: session.link,
                        related: ["passwordless_session_id": .string(session.id), "connection_id": .string(session.connectionId)])
        }
        return .json(["success": true])
    }
}
