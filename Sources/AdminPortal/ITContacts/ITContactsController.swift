import EmulatorCore
import GRDB
import Hummingbird
import Organizations

/// `/organizations/{organization_id}/it_contacts`: list, add and remove an organization's IT contacts,
/// and invite one to the Admin Portal (a mailed portal link) or revoke that invitation.
public struct ITContactsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("organizations/:id/it_contacts")
        group.get(use: list)
        group.post(use: create)
        group.delete(":contact_id", use: delete)
        group.post(":contact_id/invite", use: invite)
        group.post(":contact_id/revoke", use: revoke)
    }

    /// Every contact in one answer, newest first: the SDK reads this list as one page, cursors null.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("id")
        let contacts = try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: organizationID, in: db)
            return try ITContactRecord.filter(Column("organization_id") == organizationID).order(Column("id").desc).fetchAll(db)
        }
        return .json(Page(data: contacts, before: nil, after: nil).wire(\.wire))
    }

    /// Adds the contact without inviting it, as WorkOS does.
    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("id")
        let raw = try await JSONBody.read(request).requiredString("email")
        guard let email = EmailAddress.normalize(raw) else {
            throw APIError.invalidParameter("email", code: "invalid_email", "'\(raw)' is not a valid email address.")
        }
        let contact = try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            return try ITContactRecord.create(email: email, organizationID: organizationID, in: tx)
        }
        return .json(contact.wire, status: .created)
    }

    /// Removes the contact and revokes its active invitation.
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await withContact(request, context) { contact, tx in
            try ITContactInvitation.revoke(of: contact, in: tx)
            _ = try contact.delete(tx.db)
        }
    }

    @Sendable func invite(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let intents = try ITContactInvitation.portalIntents(try await JSONBody.read(request).stringArray("intents"))
        let environment = try context.env()
        let baseURL = request.emulatorBaseURL
        return try await withContact(request, context) { contact, tx in
            try ITContactInvitation.send(to: contact, intents: intents, clientID: environment.clientID, baseURL: baseURL, in: tx)
        }
    }

    /// Revokes the contact's active invitation; without one there is nothing to do, and that is no error.
    @Sendable func revoke(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await withContact(request, context) { contact, tx in try ITContactInvitation.revoke(of: contact, in: tx) }
    }

    /// Runs `change` on the path's contact of the path's organization (each a 404 when absent); 204.
    private func withContact(_ request: Request, _ context: EmulatorRequestContext,
                             _ change: @Sendable @escaping (ITContactRecord, Transaction) throws -> Void) async throws -> Response {
        let organizationID = try context.parameter("id")
        let contactID = try context.parameter("contact_id")
        try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            try change(try ITContactRecord.find(contactID, organizationID: organizationID, in: tx.db), tx)
        }
        return .noContent
    }
}
