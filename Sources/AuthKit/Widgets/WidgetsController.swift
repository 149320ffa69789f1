import EmulatorCore
import Hummingbird
import Organizations
import UserManagement

/// `POST /widgets/token`: a widget session token for a user, scoped to an organization when one is
/// given (`WidgetToken`). The emulator honours it as a bearer on the API operations its scopes permit,
/// within that organization (see `WidgetAccess` in the server).
public struct WidgetsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.post("widgets/token", use: issue)
    }

    @Sendable func issue(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let userID = try body.requiredString("user_id")
        let organizationID = try body.string("organization_id")
        let scopes = try body.stringArray("scopes") ?? []
        let unknown = scopes.filter { !WidgetToken.scopes.contains($0) }
        guard unknown.isEmpty else {
            throw APIError.invalidParameter("scopes", code: "invalid_value",
                                            "Unknown scopes \(unknown.joined(separator: ", ")); known: \(WidgetToken.scopes.joined(separator: ", ")).")
        }
        if !scopes.isEmpty && organizationID == nil {
            throw APIError.invalidParameter("organization_id", code: "required", "organization_id is required when scopes are given.")
        }
        let environment = try context.env()
        let issuer = request.emulatorBaseURL
        let (claims, key) = try await environment.write { tx in
            _ = try UserManagementAPI.account(userID, in: tx.db)
            if let organizationID {
                _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
                let member = try UserManagementAPI.memberships(of: userID, in: tx.db)
                    .contains { $0.organizationID == organizationID && $0.status == "active" }
                guard member else {
                    throw APIError(.unprocessableContent, code: "organization_membership_not_found",
                                   message: "User '\(userID)' is not an active member of organization '\(organizationID)'.")
                }
            }
            return (WidgetToken.claims(userID: userID, organizationID: organizationID, scopes: scopes,
                                       clientID: environment.clientID, issuer: issuer, in: tx),
                    try SigningKeyRecord.current(in: tx))
        }
        // Signed after the commit, so RSA never runs while the database is locked.
        return .json(["token": .string(try JSONWebToken.sign(claims, with: key))], status: .created)
    }
}
