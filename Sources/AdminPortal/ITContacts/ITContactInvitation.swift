import EmulatorCore
import Foundation
import GRDB

/// An IT contact's invitation: an Admin Portal link for the organization, mailed to the contact (the
/// email is captured in the outbox). As WorkOS documents, an organization has one active invitation at
/// most; revoking it, or deleting its contact, revokes the link.
///
/// The link opens on the first of the invitation's intents: the emulator's portal pages serve one
/// intent per link. WorkOS does not document how long a mailed link lasts; the emulator keeps an
/// unopened one for `lifetime`.
enum ITContactInvitation {
    static let lifetime: TimeInterval = 7 * 24 * 60 * 60

    /// What `intents` may hold, and the portal page each opens.
    static let intents: [String: PortalIntent] = [
        "sso": .sso,
        "directory_sync": .dsync,
        "log_streams": .logStreams,
        "domain_verification": .domainVerification,
    ]

    /// Checks the requested intents: a non-empty list of known ones. `bring_your_own_key` is WorkOS's
    /// too, but the emulator has no key management (as `POST /portal/generate_link` also refuses it).
    static func portalIntents(_ requested: [String]?) throws -> [String] {
        guard let requested, !requested.isEmpty else {
            throw APIError.invalidParameter("intents", code: "required", "intents must list at least one intent.")
        }
        for intent in requested where intents[intent] == nil {
            throw APIError.invalidParameter("intents", code: "invalid_value",
                                            "'\(intent)' is not an intent the emulator serves (\(intents.keys.sorted().joined(separator: ", "))).")
        }
        return requested
    }

    /// The organization's links that are invitations still usable: not revoked, and opened or unexpired.
    static func active(organizationID: String, at now: Date, in db: Database) throws -> [PortalLinkRecord] {
        try PortalLinkRecord
            .filter(Column("organization_id") == organizationID && Column("it_contact_id") != nil
                && Column("revoked_at") == nil
                && (Column("session") != nil || Column("expires_at") > now.unixMilliseconds))
            .fetchAll(db)
    }

    /// Makes the link and mails it; a 409 while the organization has an active invitation.
    static func send(to contact: ITContactRecord, intents: [String], clientID: String, baseURL: String,
                     in tx: Transaction) throws {
        guard try active(organizationID: contact.organizationId, at: tx.now, in: tx.db).isEmpty else {
            throw APIError(.conflict, code: "active_invitation_exists",
                           message: "The organization already has an active Admin Portal invitation; revoke it first.")
        }
        let link = PortalLinkRecord(
            id: tx.newID("portal_link"), token: ClientBoundToken.make(clientID: clientID),
            organizationId: contact.organizationId, intent: self.intents[intents[0]]!.rawValue, returnUrl: nil,
            successUrl: nil, externalUserId: nil, session: nil, expiresAt: tx.now.addingTimeInterval(lifetime),
            revokedAt: nil, createdAt: tx.now, itContactId: contact.id, intents: intents)
        try link.insert(tx.db)
        let url = link.url(base: baseURL)
        try tx.send(to: contact.email, kind: "it_contact_invitation", subject: "Set up your organization in the Admin Portal",
                    token: link.token, url: url,
                    related: ["organization_id": .string(contact.organizationId), "it_contact_id": .string(contact.id),
                              "portal_link_id": .string(link.id), "intents": .strings(intents)])
    }

    /// Revokes the contact's active invitation, if it has one.
    static func revoke(of contact: ITContactRecord, in tx: Transaction) throws {
        for var link in try active(organizationID: contact.organizationId, at: tx.now, in: tx.db)
        where link.itContactId == contact.id {
            link.revokedAt = tx.now
            try link.update(tx.db)
        }
    }
}
