import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_resources`: an object of the customer's application (a workspace, a
/// project) placed in an organization's tree. Each organization's tree has a root of type
/// `organization`, whose external ID is the organization's ID, made with the organization.
struct ResourceRecord: EmulatorRecord, Equatable, ListableRecord, WireRepresentable {
    static let databaseTableName = "authorization_resources"

    var id: String
    var organizationId: String
    var resourceTypeSlug: String
    var externalId: String
    var name: String
    var description: String?
    var parentResourceId: String?
    var createdAt: Date
    var updatedAt: Date

    /// The organization's own resource, which WorkOS keeps for as long as the organization lives.
    var isOrganizationRoot: Bool { parentResourceId == nil }

    var wire: JSON {
        [
            "object": "authorization_resource",
            "name": .string(name),
            "description": .string(description),
            "organization_id": .string(organizationId),
            "parent_resource_id": .string(parentResourceId),
            "id": .string(id),
            "external_id": .string(externalId),
            "resource_type_slug": .string(resourceTypeSlug),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> ResourceRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Resource", id) }
        return record
    }

    static func find(organizationID: String, type: String, externalID: String, in db: Database) throws -> ResourceRecord {
        let record = try filter(Column("organization_id") == organizationID && Column("resource_type_slug") == type
                                && Column("external_id") == externalID).fetchOne(db)
        guard let record else { throw APIError.notFound("Resource", "\(type)/\(externalID)") }
        return record
    }

    static func root(of organizationID: String, in db: Database) throws -> ResourceRecord? {
        try filter(Column("organization_id") == organizationID && Column("parent_resource_id") == nil).fetchOne(db)
    }

    /// This resource's ID and its ancestors', up to the organization's root.
    func lineage(in db: Database) throws -> [String] {
        var lineage = [id]
        var parentID = parentResourceId
        while let next = parentID {
            lineage.append(next)
            parentID = try ResourceRecord.find(next, in: db).parentResourceId
        }
        return lineage
    }
}
