import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_groups`: a named set of an organization's memberships. The roles assigned to
/// a group are held by each of its members.
struct GroupRecord: EmulatorRecord, Equatable, ListableRecord, WireRepresentable {
    static let databaseTableName = "authorization_groups"

    static let maxNameLength = 256
    static let maxDescriptionLength = 150

    var id: String
    var organizationId: String
    var name: String
    var description: String?
    var createdAt: Date
    var updatedAt: Date

    var wire: JSON {
        [
            "object": "group",
            "id": .string(id),
            "organization_id": .string(organizationId),
            "name": .string(name),
            "description": .string(description),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The group, by its ID alone (as `/authorization/groups/{id}/…` names it), or its 404.
    static func find(_ id: String, in db: Database) throws -> GroupRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Group", id) }
        return record
    }

    /// The group, which must belong to the organization; 404 otherwise.
    static func find(_ id: String, of organizationID: String, in db: Database) throws -> GroupRecord {
        let record = try fetchOne(db, key: id)
        guard let record, record.organizationId == organizationID else { throw APIError.notFound("Group", id) }
        return record
    }

    /// Removes the group, its members and its role assignments (with what its members held through
    /// them), announcing only `group.deleted`.
    func remove(in tx: Transaction) throws {
        try delete(tx.db)
        try tx.emit("group.deleted", wire, organizationID: organizationId)
    }
}
