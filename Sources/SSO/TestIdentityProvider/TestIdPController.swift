import EmulatorCore
import Foundation
import GRDB
import Hummingbird
import Organizations

/// The emulator's test identity provider, standing in for every connection's real one:
///
/// - `GET /sso/test_idp/{request}?client_id=…` shows the sign-in page of a request `/sso/authorize`
///   routed here; `POST` to the same URL answers it (a user, or `action=fail`), and the browser goes
///   back to the redirect URI with a code or an error.
/// - `GET /sso/test_idp?client_id=…&connection=…&redirect_uri=…` starts an IdP-initiated sign-in:
///   the same page, for a sign-in no application asked for (so without `state`).
struct TestIdPController: Sendable {
    let redirectURIs: RedirectURI
    let handoff: SignInHandoff

    static func pagePath(_ requestID: String, clientID: String) -> String {
        "/sso/test_idp/\(requestID)?" + FormFields.encode([("client_id", clientID)])
    }

    @Sendable func page(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let environment = context.environment else {
            return AuthorizeController.unknownClient(FormFields(query: request)["client_id"])
        }
        let id = try context.parameter("request")
        let now = environment.clock.now()
        let page = try await environment.read { db -> TestIdPPage? in
            guard let pending = try AuthorizationRequestRecord.pending(id, now: now, in: db) else { return nil }
            return try Self.page(for: pending, clientID: environment.clientID, in: db)
        }
        return page?.response() ?? Self.expired
    }

    @Sendable func answer(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let environment = context.environment else {
            return AuthorizeController.unknownClient(FormFields(query: request)["client_id"])
        }
        let id = try context.parameter("request")
        let form = FormFields(String(buffer: try await request.bodyBytes(upTo: 64 << 10)))
        let client = SignInClient(request: request, context: context)
        let clientID = environment.clientID
        let handoff = self.handoff
        return try await environment.write { tx -> Response in
            guard let pending = try AuthorizationRequestRecord.pending(id, now: tx.now, in: tx.db) else { return Self.expired }
            let connection = try ConnectionRecord.find(pending.connectionId, in: tx.db)
            guard connection.state == .active else {
                try pending.delete(tx.db)
                let description = "The connection associated with the request is unlinked (\(connection.state.rawValue))."
                if let key = pending.handoff {
                    return try handoff.failed(key, "connection_unlinked", description, tx).response(.normal)
                }
                return .redirect(to: RedirectURI.appending([
                    ("error", "connection_unlinked"), ("error_description", description), ("state", pending.state),
                ], to: pending.redirectUri), type: .normal)
            }
            switch form["action"] {
            case "fail":
                return try SignInOutcome.fail(pending, email: form["email"], through: connection, client: client,
                                              handoff: handoff, in: tx).response(.normal)
            case "sign_in":
                guard let email = form["email"]?.trimmingCharacters(in: .whitespaces), IdPUser.isEmail(email) else {
                    var page = try Self.page(for: pending, clientID: clientID, in: tx.db)
                    page.error = "Enter the email address of the user to sign in as."
                    return page.response(status: .unprocessableContent)
                }
                let user = try OfferedUserRecord.find(email: email, of: connection.id, in: tx.db)
                    ?? IdPUser(email: email, firstName: form["first_name"], lastName: form["last_name"])
                return try SignInOutcome.succeed(pending, as: user, through: connection, client: client,
                                                 handoff: handoff, in: tx).response(.normal)
            default:
                return HTMLPage.message(title: "Unknown answer", "The form must say action=sign_in or action=fail.",
                                        status: .badRequest)
            }
        }
    }

    /// IdP-initiated sign-in: the connection's page, for a sign-in that returns to `redirect_uri`.
    @Sendable func start(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = FormFields(query: request)
        guard let environment = context.environment else { return AuthorizeController.unknownClient(query["client_id"]) }
        guard let connectionID = query["connection"] else {
            return HTMLPage.message(title: "No connection", "connection is required: the ID of the connection to sign in through.",
                                    status: .badRequest)
        }
        let redirectURI = query["redirect_uri"] ?? ""
        let redirectURIs = self.redirectURIs
        let clientID = environment.clientID
        return try await environment.write { tx -> Response in
            if let refusal = try redirectURIs.refusal(of: redirectURI, in: tx.db) {
                return HTMLPage.message(title: "Invalid redirect URI", refusal, status: .badRequest)
            }
            guard let connection = try ConnectionRecord.fetchOne(tx.db, key: connectionID) else {
                return HTMLPage.message(title: "Unknown connection", "There is no connection '\(connectionID)'.", status: .notFound)
            }
            guard connection.state == .active else {
                return HTMLPage.message(title: "Connection not active",
                                        "Connection '\(connectionID)' is \(connection.state.rawValue): it signs no one in.",
                                        status: .conflict)
            }
            let pending = AuthorizationRequestRecord(connectionID: connection.id, redirectURI: redirectURI, state: nil,
                                                     codeChallenge: nil, loginHint: query["login_hint"], in: tx)
            try pending.insert(tx.db)
            return .redirect(to: Self.pagePath(pending.id, clientID: clientID), type: .found)
        }
    }

    private static func page(for pending: AuthorizationRequestRecord, clientID: String, in db: Database) throws -> TestIdPPage {
        let connection = try ConnectionRecord.find(pending.connectionId, in: db)
        return TestIdPPage(
            connection: connection,
            organizationName: try connection.organizationId.flatMap { try OrganizationsAPI.summaryIfExists(of: $0, in: db)?.name },
            users: try OfferedUserRecord.all(of: connection.id, in: db), loginHint: pending.loginHint,
            redirectURI: pending.redirectUri, action: pagePath(pending.id, clientID: clientID))
    }

    private static var expired: Response {
        HTMLPage.message(title: "Sign-in expired",
                         "This sign-in has already been answered or has expired. Start again from the application.",
                         status: .notFound)
    }
}
