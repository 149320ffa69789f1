import EmulatorCore
import GRDB
import Hummingbird
import Organizations
import UserManagement

/// The Connect applications users have authorized: `/user_management/users/{id}/authorized_applications`
/// lists a user's and revokes one (every consent of the user to that application, by its ID or client
/// ID); `/organizations/{id}/authorized_applications` lists those given in an organization, with the
/// user who gave each.
public struct AuthorizedApplicationsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("user_management/users/:id/authorized_applications", use: listForUser)
        api.delete("user_management/users/:id/authorized_applications/:application_id", use: revoke)
        api.get("organizations/:id/authorized_applications", use: listForOrganization)
    }

    @Sendable func listForUser(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let userID = try context.parameter("id")
        let list = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in
            _ = try UserManagementAPI.account(userID, in: db)
            let page = try AuthorizationRecord.filter(Column("user_id") == userID).page(list, in: db)
            return try AuthorizationRecord.wire(page, withUser: false, in: db)
        })
    }

    @Sendable func listForOrganization(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("id")
        let list = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: organizationID, in: db)
            let page = try AuthorizationRecord.filter(Column("organization_id") == organizationID).page(list, in: db)
            return try AuthorizationRecord.wire(page, withUser: true, in: db)
        })
    }

    /// 204; 404 for an unknown user or application, or one the user has not authorized.
    @Sendable func revoke(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let userID = try context.parameter("id")
        let applicationID = try context.parameter("application_id")
        try await context.env().write { tx in
            _ = try UserManagementAPI.account(userID, in: tx.db)
            let application = try ConnectApplicationRecord.find(applicationID, in: tx.db)
            let revoked = try AuthorizationRecord
                .filter(Column("user_id") == userID && Column("application_id") == application.id).deleteAll(tx.db)
            guard revoked > 0 else { throw APIError.notFound("Authorized application", applicationID) }
        }
        return .noContent
    }
}
