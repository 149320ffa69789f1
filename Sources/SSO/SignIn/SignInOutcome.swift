import EmulatorCore
import Foundation
import GRDB

/// How a sign-in at the test identity provider ends, in one transaction with its event: the user's
/// profile and a code sent back to the redirect URI, or the identity provider's refusal sent back as
/// `error`. Either way the waiting request is used up.
enum SignInOutcome {
    /// Who is signing in, as the browser showed itself (for the `authentication.sso_*` events).
    struct Client: Sendable {
        var ipAddress: String?
        var userAgent: String?
    }

    /// Signs `user` in: refreshes their profile, issues a code, emits `authentication.sso_succeeded`.
    /// Answers the redirect URI with `code` and `state`.
    static func succeed(_ request: AuthorizationRequestRecord, as user: IdPUser, through connection: ConnectionRecord,
                        client: Client, in tx: Transaction) throws -> String {
        try request.delete(tx.db)
        let profile = try ProfileRecord.signIn(user, through: connection, in: tx)
        let code = try AuthorizationCodeRecord.issue(for: profile, request: request, in: tx)
        try tx.emit("authentication.sso_succeeded", event(status: "succeeded", email: profile.email, connection: connection,
                                                          client: client), organizationID: connection.organizationId)
        return RedirectURI.appending([("code", code.code), ("state", request.state)], to: request.redirectUri)
    }

    /// The identity provider refuses: emits `authentication.sso_failed`, and answers the redirect URI
    /// with `access_denied`, as WorkOS reports an IdP's denial.
    static func fail(_ request: AuthorizationRequestRecord, email: String?, through connection: ConnectionRecord,
                     client: Client, in tx: Transaction) throws -> String {
        try request.delete(tx.db)
        let description = "The identity provider denied access to the application."
        var data = event(status: "failed", email: email, connection: connection, client: client)
        data.set("error", ["code": "access_denied", "message": .string(description)])
        try tx.emit("authentication.sso_failed", data, organizationID: connection.organizationId)
        return RedirectURI.appending([("error", "access_denied"), ("error_description", description), ("state", request.state)],
                                     to: request.redirectUri)
    }

    private static func event(status: String, email: String?, connection: ConnectionRecord, client: Client) -> JSON {
        [
            "type": "sso",
            "status": .string(status),
            "user_id": nil,
            "email": .string(email),
            "ip_address": .string(client.ipAddress),
            "user_agent": .string(client.userAgent),
            // WorkOS keeps no SSO session the API can read, so none is named.
            "sso": ["organization_id": .string(connection.organizationId), "connection_id": .string(connection.id), "session_id": nil],
        ]
    }
}
