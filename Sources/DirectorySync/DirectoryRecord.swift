import EmulatorCore
import Foundation
import GRDB
import Organizations

/// A row of `directories`: an organization's connection to its identity provider, with the bearer
/// secret its SCIM endpoint checks.
struct DirectoryRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "directories"

    /// `linked` directories receive SCIM changes; `unlinked` ones wait for their first SCIM request.
    enum State: String, Codable, Sendable, CaseIterable {
        case linked, unlinked, validating, invalidCredentials = "invalid_credentials", deleting

        /// The spelling of the `dsync.*` events, which differs from the API's.
        var eventState: String {
            switch self {
            case .linked: "active"
            case .unlinked: "inactive"
            default: rawValue
            }
        }
    }

    /// The spec's directory types; every one can be fed through the SCIM endpoint.
    static let types: Set<String> = [
        "azure scim v2.0", "bamboohr", "breathe hr", "cezanne hr", "cyberark scim v2.0", "fourth hr",
        "generic scim v2.0", "gsuite directory", "hibob", "sailpoint scim v2.0", "jump cloud scim v2.0",
        "okta scim v2.0", "onelogin scim v2.0", "people hr", "personio", "pingfederate scim v2.0",
        "rippling scim v2.0", "s3", "sftp", "sftp workday", "workday",
    ]

    var id: String
    var organizationId: String
    var name: String
    var type: String
    var state: State
    var domain: String?
    var externalKey: String
    var scimSecret: String
    var syncRequestedAt: Date?
    /// Which role each group's members get, highest priority first (see `GroupRole`).
    var groupRoles: [GroupRole]
    var createdAt: Date
    var updatedAt: Date

    static func find(_ id: String, in db: Database) throws -> DirectoryRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Directory", id) }
        return record
    }

    static func all(of organizationID: String, in db: Database) throws -> [DirectoryRecord] {
        try filter(Column("organization_id") == organizationID).order(Column("id")).fetchAll(db)
    }

    /// As the API shows it, with the counts of its users and groups.
    func wire(in db: Database) throws -> JSON {
        let users = DirectoryUserRecord.filter(Column("directory_id") == id)
        let active = try users.filter(Column("state") == DirectoryUserRecord.State.active.rawValue).fetchCount(db)
        let all = try users.fetchCount(db)
        let groups = try DirectoryGroupRecord.filter(Column("directory_id") == id).fetchCount(db)
        return [
            "object": "directory",
            "id": .string(id),
            "organization_id": .string(organizationId),
            "external_key": .string(externalKey),
            "type": .string(type),
            "state": .string(state.rawValue),
            "name": .string(name),
            "domain": .string(domain),
            "metadata": ["users": ["active": .int(active), "inactive": .int(all - active)], "groups": .int(groups)],
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// `dsync.activated`'s data: the directory with its external key and its organization's domains.
    func activatedEventData(in db: Database) throws -> JSON {
        var data = deletedEventData
        data.set("external_key", .string(externalKey))
        data.set("domains", .array(try OrganizationsAPI.domains(of: organizationId, in: db).map {
            ["object": "organization_domain", "id": .string($0.id), "domain": .string($0.domain)]
        }))
        return data
    }

    /// `dsync.deleted`'s data, the spec's `DsyncDeletedData`: no external key, no domains.
    var deletedEventData: JSON {
        [
            "object": "directory",
            "id": .string(id),
            "organization_id": .string(organizationId),
            "type": .string(type),
            "state": .string(state.eventState),
            "name": .string(name),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }
}
