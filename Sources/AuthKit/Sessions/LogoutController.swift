import EmulatorCore
import Foundation
import Hummingbird

/// `GET /user_management/sessions/logout?session_id=…&return_to=…`: the browser's logout. Ends the
/// session (`session.revoked`; its refresh token stops working) and redirects to `return_to`, or
/// shows a signed-out page. The URL names no client, so the session's environment is searched for.
public struct LogoutController: Sendable {
    let environments: @Sendable () -> [Environment]

    public init(environments: @escaping @Sendable () -> [EmulatorCore.Environment]) {
        self.environments = environments
    }

    public func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.get("user_management/sessions/logout", use: logout)
    }

    @Sendable func logout(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        guard let sessionID = query.string("session_id") else {
            throw APIError(.unprocessableContent, message: "session_id is required.")
        }
        let returnTo = query.string("return_to")
        if let returnTo {
            guard let components = URLComponents(string: returnTo), ["http", "https"].contains(components.scheme?.lowercased()) else {
                throw APIError(.unprocessableContent, message: "return_to must be an absolute http(s) URL.")
            }
        }
        var owner: Environment?
        for environment in context.environment.map({ [$0] }) ?? environments()
        where try await environment.read({ db in try SessionRecord.find(sessionID, in: db) != nil }) {
            owner = environment
            break
        }
        guard let owner else { throw APIError(.unprocessableContent, message: "Session not found: '\(sessionID)'.") }
        try await owner.write { tx in
            var session = try SessionRecord.find(sessionID, in: tx.db)
            try session?.revoke(in: tx)
        }
        if let returnTo { return .redirect(to: returnTo) }
        return .html(HTML.page(title: "Signed out", "<p>You have been signed out. You can close this page.</p>"))
    }
}
