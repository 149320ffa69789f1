import EmulatorCore
import Foundation
import GRDB

/// A row of `directory_groups`, with the SCIM document it came from kept as `raw_attributes` (its
/// members live in `directory_group_members`).
struct DirectoryGroupRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "directory_groups"

    var id: String
    var directoryId: String
    var organizationId: String
    var idpId: String
    var externalId: String?
    var name: String
    var rawAttributes: JSONObject
    var createdAt: Date
    var updatedAt: Date

    static func find(_ id: String, in db: Database) throws -> DirectoryGroupRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Directory Group", id) }
        return record
    }

    static func all(in directoryID: String) -> QueryInterfaceRequest<DirectoryGroupRecord> {
        filter(Column("directory_id") == directoryID)
    }

    /// The same shape in the API and in `dsync.group.*` events.
    var wire: JSON {
        [
            "object": "directory_group",
            "id": .string(id),
            "idp_id": .string(idpId),
            "directory_id": .string(directoryId),
            "organization_id": .string(organizationId),
            "name": .string(name),
            "raw_attributes": .object(rawAttributes),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }
}
