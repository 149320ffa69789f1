import EmulatorCore
import Foundation
import GRDB

/// A row of `directory_users`: a person the identity provider pushed, in WorkOS's terms, with the
/// SCIM document it came from kept as `raw_attributes`.
struct DirectoryUserRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "directory_users"

    enum State: String, Codable, Sendable, CaseIterable { case active, suspended, inactive }

    var id: String
    var directoryId: String
    var organizationId: String
    var idpId: String
    var externalId: String?
    var username: String
    var email: String?
    var firstName: String?
    var lastName: String?
    var name: String?
    var jobTitle: String?
    var state: State
    var emails: JSON
    var customAttributes: JSONObject
    var rawAttributes: JSONObject
    var roles: [String]
    var createdAt: Date
    var updatedAt: Date

    static func find(_ id: String, in db: Database) throws -> DirectoryUserRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Directory User", id) }
        return record
    }

    static func all(in directoryID: String) -> QueryInterfaceRequest<DirectoryUserRecord> {
        filter(Column("directory_id") == directoryID)
    }

    /// The user as events carry it (`dsync.user.*`, and inside `dsync.group.user_*`).
    var eventData: JSON {
        let slimRoles = roles.map { JSON.object(["slug": .string($0)]) }
        return [
            "object": "directory_user",
            "id": .string(id),
            "directory_id": .string(directoryId),
            "organization_id": .string(organizationId),
            "idp_id": .string(idpId),
            "email": .string(email),
            "first_name": .string(firstName),
            "last_name": .string(lastName),
            "name": .string(name),
            "emails": emails,
            "job_title": .string(jobTitle),
            "username": .string(username),
            "state": .string(state.rawValue),
            "raw_attributes": .object(rawAttributes),
            "custom_attributes": .object(customAttributes),
            "role": slimRoles.first ?? .null,
            "roles": .array(slimRoles),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// The user as the API shows it: the event form plus the groups it belongs to directly.
    func wire(groups: [DirectoryGroupRecord]) -> JSON {
        var wire = eventData
        wire.set("groups", .array(groups.map(\.wire)))
        return wire
    }

    func wire(in db: Database) throws -> JSON {
        wire(groups: try GroupMemberRecord.groups(of: [id], in: db)[id] ?? [])
    }
}
