import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// How a sign-in at the test identity provider ends, in one transaction with its event: the user's
/// profile and a code sent back to the redirect URI, or the identity provider's refusal sent back as
/// `error`. Either way the waiting request is used up. A sign-in another area started (AuthKit's)
/// goes back to that area instead, through the handoff.
enum SignInOutcome {
    /// Signs `user` in: refreshes their profile, emits `authentication.sso_succeeded`, and answers the
    /// redirect URI with `code` and `state` (or whatever the handoff answers).
    static func succeed(_ request: AuthorizationRequestRecord, as user: IdPUser, through connection: ConnectionRecord,
                        client: SignInClient, handoff: SignInHandoff, in tx: Transaction) throws -> SignInHandoff.Answer {
        try request.delete(tx.db)
        let profile = try ProfileRecord.signIn(user, through: connection, in: tx)
        let answer: SignInHandoff.Answer
        var userID: String?
        if let key = request.handoff {
            (answer, userID) = try handoff.succeeded(key, SignedInProfile(profile), client, tx)
        } else {
            let code = try AuthorizationCodeRecord.issue(for: profile, request: request, in: tx)
            answer = .redirect(RedirectURI.appending([("code", code.code), ("state", request.state)], to: request.redirectUri))
        }
        try tx.emit("authentication.sso_succeeded", event(status: "succeeded", userID: userID, email: profile.email,
                                                          connection: connection, client: client),
                    organizationID: connection.organizationId)
        return answer
    }

    /// The identity provider refuses: emits `authentication.sso_failed`, and answers the redirect URI
    /// with `access_denied`, as WorkOS reports an IdP's denial.
    static func fail(_ request: AuthorizationRequestRecord, email: String?, through connection: ConnectionRecord,
                     client: SignInClient, handoff: SignInHandoff, in tx: Transaction) throws -> SignInHandoff.Answer {
        try request.delete(tx.db)
        let description = "The identity provider denied access to the application."
        var data = event(status: "failed", userID: nil, email: email, connection: connection, client: client)
        data.set("error", ["code": "access_denied", "message": .string(description)])
        try tx.emit("authentication.sso_failed", data, organizationID: connection.organizationId)
        if let key = request.handoff { return try handoff.failed(key, "access_denied", description, tx) }
        return .redirect(RedirectURI.appending([("error", "access_denied"), ("error_description", description),
                                                ("state", request.state)], to: request.redirectUri))
    }

    private static func event(status: String, userID: String?, email: String?, connection: ConnectionRecord,
                              client: SignInClient) -> JSON {
        [
            "type": "sso",
            "status": .string(status),
            // The AuthKit user a sign-in through AuthKit provisioned; a bare SSO sign-in has none.
            "user_id": .string(userID),
            "email": .string(email),
            "ip_address": .string(client.ipAddress),
            "user_agent": .string(client.userAgent),
            // WorkOS keeps no SSO session the API can read, so none is named.
            "sso": ["organization_id": .string(connection.organizationId), "connection_id": .string(connection.id), "session_id": nil],
        ]
    }
}

extension SignInHandoff.Answer {
    /// The answer as the browser gets it: `type` is `.found` after a GET, `.normal` (303) after a form post.
    func response(_ type: Response.RedirectType) -> Response {
        switch self {
        case .redirect(let location): .redirect(to: location, type: type)
        case .html(let html, let status): HTMLPage.raw(html, status: status)
        }
    }
}
