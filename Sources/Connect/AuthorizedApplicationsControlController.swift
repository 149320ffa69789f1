import EmulatorCore
import Hummingbird
import Organizations
import UserManagement

/// `POST /_emulator/authorized_applications`: records that a user authorized a Connect application, as
/// consenting on WorkOS's hosted screen does (the emulator has none). Body: `application_id` (ID or client
/// ID), `user_id`, optionally `organization_id` (an organization the user is an active member of),
/// `scopes` (among the application's; all of them when absent) and `oauth_resource`. Answers the
/// authorization as the organization list shows it: 201, or 200 when it replaced an earlier consent. A
/// control route: unknown fields are errors.
public struct AuthorizedApplicationsControlController: Sendable {
    public init() {}

    public func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("authorized_applications", use: create)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["application_id", "user_id", "organization_id", "scopes", "oauth_resource"])
        let applicationID = try body.requiredString("application_id")
        let userID = try body.requiredString("user_id")
        let organizationID = try body.string("organization_id")
        let scopes = try body.stringArray("scopes")
        let oauthResource = try body.string("oauth_resource")
        let (answer, isNew) = try await context.env().write { tx in
            let application = try ConnectApplicationRecord.find(applicationID, in: tx.db)
            _ = try UserManagementAPI.account(userID, in: tx.db)
            if let organizationID {
                _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
                let membership = try UserManagementAPI.memberships(of: userID, in: tx.db).first { $0.organizationID == organizationID }
                guard membership?.status == "active" else {
                    throw APIError(.unprocessableContent,
                                   message: "User '\(userID)' has no active membership in organization '\(organizationID)'.")
                }
            }
            let unknown = (scopes ?? []).filter { !application.scopes.contains($0) }
            guard unknown.isEmpty else {
                throw APIError.invalidParameter("scopes", code: "invalid_scope",
                                                "Not scopes of the application: \(unknown.joined(separator: ", ")).")
            }
            let (record, isNew) = try AuthorizationRecord.grant(application: application, userID: userID, organizationID: organizationID,
                                                       scopes: scopes ?? application.scopes, oauthResource: oauthResource, in: tx)
            return (record.wire(application: application, withUser: true), isNew)
        }
        return .json(answer, status: isNew ? .created : .ok)
    }
}
