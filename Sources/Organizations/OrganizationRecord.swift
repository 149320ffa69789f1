import EmulatorCore
import Foundation
import GRDB

/// A row of `organizations`.
struct OrganizationRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "organizations"

    var id: String
    var name: String
    var metadata: JSONObject
    var externalId: String?
    var stripeCustomerId: String?
    var allowProfilesOutsideOrganization: Bool
    var createdAt: Date
    var updatedAt: Date

    static func find(_ id: String, in db: Database) throws -> OrganizationRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Organization", id) }
        return record
    }

    static func find(externalID: String, in db: Database) throws -> OrganizationRecord? {
        try filter(Column("external_id") == externalID).fetchOne(db)
    }

    /// WorkOS's 400 `external_id_already_used` when another organization holds the external ID.
    static func ensureExternalIDFree(_ externalID: String?, except id: String? = nil, in db: Database) throws {
        guard let externalID, let holder = try find(externalID: externalID, in: db), holder.id != id else { return }
        throw APIError(.badRequest, code: "external_id_already_used",
                       message: "An organization with external ID '\(externalID)' already exists.")
    }

    static func ensureStripeCustomerIDFree(_ stripeCustomerID: String, except id: String, in db: Database) throws {
        let holder = try filter(Column("stripe_customer_id") == stripeCustomerID && Column("id") != id).fetchOne(db)
        guard holder == nil else {
            throw APIError(.badRequest, code: "stripe_customer_id_already_used",
                           message: "Another organization already uses Stripe customer ID '\(stripeCustomerID)'.")
        }
    }

    /// The organization with its domains embedded, as the API and its events show it.
    func wire(domains: [OrganizationDomainRecord]) -> JSON {
        [
            "object": "organization",
            "id": .string(id),
            "name": .string(name),
            "allow_profiles_outside_organization": .bool(allowProfilesOutsideOrganization),
            "domains": .array(domains.map(\.wire)),
            "metadata": .object(metadata),
            "external_id": .string(externalId),
            "stripe_customer_id": .string(stripeCustomerId),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    func wire(in db: Database) throws -> JSON {
        wire(domains: try OrganizationDomainRecord.all(of: id, in: db))
    }
}

extension OrganizationRecord {
    /// Read on every organization request: decoded by hand (see `Row.date`).
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        name = try row.decode(forColumn: "name")
        metadata = try row.decode(forColumn: "metadata")
        externalId = try row.decode(forColumn: "external_id")
        stripeCustomerId = try row.decode(forColumn: "stripe_customer_id")
        allowProfilesOutsideOrganization = try row.decode(forColumn: "allow_profiles_outside_organization")
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
    }
}
