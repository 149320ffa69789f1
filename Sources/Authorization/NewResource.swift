import EmulatorCore
import Foundation
import GRDB
import Organizations

/// A resource as `POST /authorization/resources` asks for it.
struct NewResource: Sendable {
    static let maxExternalIDLength = 128

    var organizationID: String
    var type: String
    var externalID: String
    var name: String
    var description: String?
    var parent: AuthorizationAPI.ResourceTarget?

    init(_ body: JSONBody) throws {
        externalID = try body.requiredString("external_id")
        guard externalID.count <= Self.maxExternalIDLength, externalID.allSatisfy(\.isASCII) else {
            throw APIError.invalidParameter("external_id", code: "invalid_value",
                                            "external_id must be at most \(Self.maxExternalIDLength) ASCII characters.")
        }
        name = try AuthorizationFields.name(in: body, required: true)!
        description = try AuthorizationFields.description(in: body).applied(to: nil)
        type = try AuthorizationFields.resourceTypeSlug(try body.requiredString("resource_type_slug"), field: "resource_type_slug")
        guard type != AuthorizationAPI.organizationResourceType else {
            throw APIError(.badRequest, code: "bad_request",
                           message: "Organization resources are made with their organization; create a resource of another type.")
        }
        organizationID = try body.requiredString("organization_id")
        parent = try AuthorizationAPI.ResourceTarget.read(from: body, prefix: "parent_")
    }

    /// Without a parent, the resource hangs from its organization's root. A type and external ID are
    /// unique in an organization (409).
    func create(in tx: Transaction) throws -> ResourceRecord {
        _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
        let parent = try parent.map { try $0.resolve(in: organizationID, db: tx.db) }
            ?? ResourceRecord.root(of: organizationID, in: tx.db)
        guard let parent else {
            throw APIError.notFound("Resource", "\(AuthorizationAPI.organizationResourceType)/\(organizationID)")
        }
        let taken = try ResourceRecord.filter(Column("organization_id") == organizationID && Column("resource_type_slug") == type
                                              && Column("external_id") == externalID).fetchCount(tx.db) > 0
        guard !taken else {
            throw APIError(.conflict, code: "authorization_resource_external_id_conflict",
                           message: "A \(type) resource with external ID '\(externalID)' already exists in this organization.")
        }
        let record = ResourceRecord(id: tx.newID("authz_resource"), organizationId: organizationID, resourceTypeSlug: type,
                                    externalId: externalID, name: name, description: description,
                                    parentResourceId: parent.id, createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        return record
    }
}
