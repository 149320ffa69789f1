import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// SSO logout: the application asks `POST /sso/logout/authorize` (API key) for a logout token for a
/// profile, then sends the browser to `GET /sso/logout?token=…`, which signs the profile out: every
/// access token issued for it stops working. WorkOS would pass through the identity provider's logout
/// and on to the environment's logout redirect; the test identity provider has no session to end and
/// the emulator no logout redirect setting, so the browser lands on a signed-out page.
struct LogoutController: Sendable {
    @Sendable func authorize(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let profileID = try body.requiredString("profile_id")
        let environment = try context.env()
        let base = "http://" + (request.head.authority ?? "localhost")
        let token = try await environment.write { tx in
            let profile = try ProfileRecord.find(profileID, in: tx.db)
            let connection = try ConnectionRecord.find(profile.connectionId, in: tx.db)
            guard connection.state == .active else {
                throw APIError.oauth(error: "connection_invalid",
                                     description: "The profile's connection '\(connection.id)' is \(connection.state.rawValue).")
            }
            return try LogoutTokenRecord.issue(for: profile.id, clientID: environment.clientID, in: tx).token
        }
        return .json([
            "logout_url": .string(base + "/sso/logout?" + FormFields.encode([("token", token)])),
            "logout_token": .string(token),
        ])
    }

    @Sendable func logout(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let notFound = APIError(.notFound, message: "Logout token not found, already used, or expired.")
        guard let environment = context.environment, let token = FormFields(query: request)["token"] else { throw notFound }
        let profile = try await environment.write { tx -> ProfileRecord? in
            guard let profile = try LogoutTokenRecord.spend(token, in: tx) else { return nil }
            try AccessTokenRecord.filter(Column("profile_id") == profile.id).deleteAll(tx.db)
            return profile
        }
        guard let profile else { throw notFound }
        return HTMLPage.message(title: "Signed out", "\(profile.email) is signed out of single sign-on.", status: .ok)
    }
}
