import EmulatorCore
import Foundation
import GRDB

/// Everything needed to create an organization, however it was asked for (the API or a scenario file).
struct NewOrganization: Sendable {
    var id: String?
    var name: String
    var metadata: JSONObject = [:]
    var externalID: String?
    var stripeCustomerID: String?
    var allowProfilesOutsideOrganization = false
    var domains: DomainData?

    /// Creates it with its domains; emits `organization.created`, then each `organization_domain.created`.
    func create(in tx: Transaction) throws -> JSON {
        try OrganizationRecord.ensureExternalIDFree(externalID, in: tx.db)
        if let id, try OrganizationRecord.exists(tx.db, key: id) {
            throw APIError(.conflict, message: "An organization with ID '\(id)' already exists.")
        }
        let record = OrganizationRecord(
            id: id ?? tx.newID("org"), name: name, metadata: metadata, externalId: externalID,
            stripeCustomerId: stripeCustomerID, allowProfilesOutsideOrganization: allowProfilesOutsideOrganization,
            createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        let domainEvents = try domains?.apply(to: record.id, in: tx) ?? []
        let wire = try record.wire(in: tx.db)
        try tx.emit("organization.created", wire)
        try tx.emit(domainEvents)
        return wire
    }
}
