import EmulatorCore
import Foundation
import GRDB
import Hummingbird
import UserManagement

/// `POST /_emulator/impersonations`: what WorkOS's dashboard does when a team member clicks
/// "Impersonate user": an authorization code for the user, sent to the application's redirect URI,
/// whose exchange answers `impersonator` and an access token with `act`. A control route: unknown
/// fields are errors.
public struct ImpersonationController: Sendable {
    static let fields: Set<String> = ["user_id", "impersonator_email", "reason", "organization_id", "redirect_uri"]

    public init() {}

    public func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("impersonations", use: create)
    }

    /// Answers `{code, redirect_uri, url, expires_at}`: `url` is the redirect URI with the code, where
    /// the dashboard would send the browser.
    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: Self.fields)
        let userID = try body.requiredString("user_id")
        let email = try body.requiredString("impersonator_email")
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else {
            throw APIError.invalidParameter("impersonator_email", code: "invalid_email", "impersonator_email must be an email address.")
        }
        // WorkOS's dashboard asks for a reason and will not go on without one.
        let reason = try body.requiredString("reason").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw APIError.invalidParameter("reason", code: "reason_required", "A reason for the impersonation is required.")
        }
        let organizationID = try body.string("organization_id")
        let requestedURI = try body.string("redirect_uri")
        let environment = try context.env()
        let record = try await environment.write { tx in
            let user = try UserManagementAPI.account(userID, in: tx.db)
            let redirectURI = try Self.redirectURI(requestedURI, in: tx.db)
            let attempt = SignInAttempt(
                userID: user.id, method: .impersonation,
                organizationID: try Self.organization(organizationID, of: user.id, in: tx.db),
                impersonator: Impersonator(email: email, reason: reason))
            return try AuthorizationCodeRecord.issue(attempt, clientID: environment.clientID, redirectURI: redirectURI,
                                                     codeChallenge: nil, in: tx)
        }
        return .json([
            "code": .string(record.code),
            "redirect_uri": .string(record.redirectUri),
            "url": .string(AuthorizationParameters.redirect(record.redirectUri, [("code", record.code)], state: nil)),
            "expires_at": .timestamp(record.expiresAt),
        ], status: .created)
    }

    /// The one given (registered, or loopback), else the environment's default redirect URI.
    private static func redirectURI(_ requested: String?, in db: Database) throws -> String {
        if let requested {
            guard try RedirectURIRecord.allows(requested, in: db) else {
                throw APIError.invalidParameter("redirect_uri", code: "invalid_redirect_uri",
                                                "redirect_uri '\(requested)' is not a registered redirect URI.")
            }
            return requested
        }
        guard let fallback = try RedirectURIRecord.defaultURI(in: db) else {
            throw APIError.invalidParameter("redirect_uri", code: "redirect_uri_required",
                                            "redirect_uri is required: the environment has no default redirect URI.")
        }
        return fallback
    }

    /// The organization to sign in to: the one named, which the user must be an active member of; else
    /// the user's only one. As on the dashboard, a member of several must choose.
    private static func organization(_ requested: String?, of userID: String, in db: Database) throws -> String? {
        let active = try UserManagementAPI.memberships(of: userID, in: db).filter { $0.status == "active" }
        if let requested {
            guard active.contains(where: { $0.organizationID == requested }) else {
                throw APIError.invalidParameter("organization_id", code: "organization_membership_not_found",
                                                "The user is not an active member of organization '\(requested)'.")
            }
            return requested
        }
        guard active.count <= 1 else {
            throw APIError.invalidParameter("organization_id", code: "organization_id_required",
                                            "organization_id is required: the user is a member of several organizations.")
        }
        return active.first?.organizationID
    }
}
