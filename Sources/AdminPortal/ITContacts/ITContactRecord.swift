import EmulatorCore
import Foundation
import GRDB

/// A row of `it_contacts`: someone at an organization who administers its IT and may be invited to set
/// things up in the Admin Portal. An address is a contact of an organization once at most. Adding a
/// contact sends nothing; `invite` mails a portal link (see `ITContactInvitation`).
struct ITContactRecord: EmulatorRecord, ListableRecord, WireRepresentable {
    static let databaseTableName = "it_contacts"

    var id: String
    var organizationId: String
    var email: String
    var createdAt: Date
    var updatedAt: Date

    var wire: JSON {
        [
            "object": "it_contact",
            "id": .string(id),
            "email": .string(email),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The organization's contact; a contact of another organization is as absent as an unknown one.
    static func find(_ id: String, organizationID: String, in db: Database) throws -> ITContactRecord {
        guard let record = try fetchOne(db, key: id), record.organizationId == organizationID else {
            throw APIError.notFound("IT contact", id)
        }
        return record
    }

    /// A new contact of an existing organization; an address already its contact is a 409.
    static func create(email: String, organizationID: String, in tx: Transaction) throws -> ITContactRecord {
        if try filter(Column("organization_id") == organizationID && Column("email") == email).fetchCount(tx.db) > 0 {
            throw APIError(.conflict, code: "it_contact_already_exists",
                           message: "\(email) is already an IT contact of this organization.")
        }
        let record = ITContactRecord(id: tx.newID("it_contact"), organizationId: organizationID, email: email,
                                     createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        return record
    }
}
