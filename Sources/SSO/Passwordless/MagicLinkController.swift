import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// `GET /passwordless/{token}/confirm`, the link a passwordless session mails. The first visit signs
/// the address in, in one transaction: the profile (connection type `MagicLink`, the connection's
/// organization, the address as `idp_id`; the same profile again for the same address) and a code,
/// sent to the redirect URI with the session's `state`, for `/sso/token` as after any SSO sign-in. A
/// used or expired link, or one whose connection was switched off since, goes back as
/// `error=access_denied`, as WorkOS documents; an unknown one gets an error page. The spec names no
/// event for a Magic Link sign-in, so none is emitted.
struct MagicLinkController: Sendable {
    func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.get("passwordless/:token/confirm", use: confirm)
    }

    @Sendable func confirm(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let token = try context.parameter("token")
        let location = try await context.environment?.write { tx -> String? in
            guard var session = try PasswordlessSessionRecord.find(token: token, in: tx.db) else { return nil }
            let connection = try ConnectionRecord.find(session.connectionId, in: tx.db)
            guard session.isUsable(at: tx.now), connection.state == .active else {
                let description = connection.state == .active
                    ? "The Magic Link has expired or was already used."
                    : "The Magic Link connection is \(connection.state.rawValue)."
                return RedirectURI.appending([("error", "access_denied"), ("error_description", description),
                                              ("state", session.state)], to: session.redirectUri)
            }
            session.usedAt = tx.now
            try session.update(tx.db)
            let profile = try ProfileRecord.signIn(email: session.email, byMagicLinkThrough: connection, in: tx)
            let code = try AuthorizationCodeRecord.issue(for: profile, redirectURI: session.redirectUri, codeChallenge: nil, in: tx)
            return RedirectURI.appending([("code", code.code), ("state", session.state)], to: session.redirectUri)
        }
        guard let location else {
            return HTMLPage.message(title: "Invalid Magic Link", "This Magic Link is not one the emulator issued.", status: .notFound)
        }
        return .redirect(to: location, type: .found)
    }
}

extension ProfileRecord {
    /// The profile a Magic Link makes: nothing but the address, which is also its `idp_id`.
    static func signIn(email: String, byMagicLinkThrough connection: ConnectionRecord, in tx: Transaction) throws -> ProfileRecord {
        let existing = try filter(Column("connection_id") == connection.id && Column("idp_id") == email).fetchOne(tx.db)
        let profile = ProfileRecord(
            id: existing?.id ?? tx.newID("prof"), connectionId: connection.id, organizationId: connection.organizationId,
            connectionType: connection.connectionType, idpId: email, email: email, firstName: nil, lastName: nil, name: nil,
            groups: [], roles: [], customAttributes: [:], rawAttributes: [:],
            createdAt: existing?.createdAt ?? tx.now, updatedAt: tx.now)
        try profile.save(tx.db)
        return profile
    }
}
