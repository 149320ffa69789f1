import EmulatorCore
import Foundation
import GRDB
import Organizations

/// A row of `organization_memberships`: a user in an organization, with a status and role slugs (the
/// first is the primary `role`).
struct MembershipRecord: EmulatorRecord, Equatable, ListableRecord {
    static let databaseTableName = "organization_memberships"

    enum Status: String, Codable, Sendable, CaseIterable { case active, inactive, pending }

    var id: String
    var userId: String
    var organizationId: String
    var status: Status
    var roleSlugs: [String]
    var directoryManaged: Bool
    /// The directory user this membership is provisioned from (see `DirectoryProvisioning`); nil for
    /// memberships made through the API, invitations and sign-in.
    var directoryUserId: String?
    /// That directory user's directory.
    var directoryId: String?
    var customAttributes: JSONObject
    var createdAt: Date
    var updatedAt: Date

    init(userID: String, organizationID: String, status: Status, roleSlugs: [String], in tx: Transaction) {
        id = tx.newID("om")
        userId = userID
        organizationId = organizationID
        self.status = status
        self.roleSlugs = roleSlugs
        directoryManaged = false
        directoryUserId = nil
        directoryId = nil
        customAttributes = [:]
        createdAt = tx.now
        updatedAt = tx.now
    }

    private var roles: (role: JSON, roles: JSON) {
        (["slug": .string(roleSlugs.first ?? MembershipRoles.defaultSlug)],
         .array(roleSlugs.map { ["slug": .string($0)] }))
    }

    /// As the `organization_membership.*` events carry it: no embedded user, no organization name.
    var eventWire: JSON {
        [
            "object": "organization_membership",
            "id": .string(id),
            "user_id": .string(userId),
            "organization_id": .string(organizationId),
            "status": .string(status.rawValue),
            "role": roles.role,
            "roles": roles.roles,
            "custom_attributes": .object(customAttributes),
            "directory_managed": .bool(directoryManaged),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    /// As the API answers it, with the user and the organization's name embedded.
    func wire(user: UserRecord, organizationName: String) -> JSON {
        [
            "object": "organization_membership",
            "id": .string(id),
            "user_id": .string(userId),
            "organization_id": .string(organizationId),
            "status": .string(status.rawValue),
            "directory_managed": .bool(directoryManaged),
            "organization_name": .string(organizationName),
            "custom_attributes": .object(customAttributes),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
            "role": roles.role,
            "roles": roles.roles,
            "user": user.wire,
        ]
    }

    func wire(in db: Database) throws -> JSON {
        wire(user: try UserRecord.find(userId, in: db),
             organizationName: try OrganizationsAPI.summary(of: organizationId, in: db).name)
    }

    static func find(_ id: String, in db: Database) throws -> MembershipRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Organization Membership", id) }
        return record
    }

    static func find(userID: String, organizationID: String, in db: Database) throws -> MembershipRecord? {
        try filter(Column("user_id") == userID && Column("organization_id") == organizationID).fetchOne(db)
    }

    static func find(directoryUserID: String, in db: Database) throws -> MembershipRecord? {
        try filter(Column("directory_user_id") == directoryUserID).fetchOne(db)
    }

    static func all(ofDirectory directoryID: String, in db: Database) throws -> [MembershipRecord] {
        try filter(Column("directory_id") == directoryID).order(Column("id")).fetchAll(db)
    }

    static func all(ofUser userID: String, in db: Database) throws -> [MembershipRecord] {
        try filter(Column("user_id") == userID).order(Column("id")).fetchAll(db)
    }

    static func all(ofOrganization organizationID: String, in db: Database) throws -> [MembershipRecord] {
        try filter(Column("organization_id") == organizationID).order(Column("id")).fetchAll(db)
    }

    /// Inserts a new membership and emits `organization_membership.created`.
    func create(in tx: Transaction) throws {
        try insert(tx.db)
        try tx.emit("organization_membership.created", eventWire)
    }

    /// Saves a change, stamping `updated_at` and emitting `organization_membership.updated`, unless
    /// nothing changed (deactivating an inactive membership is a no-op without an event).
    mutating func save(changedFrom before: MembershipRecord, in tx: Transaction) throws {
        guard self != before else { return }
        updatedAt = tx.now
        try update(tx.db)
        try tx.emit("organization_membership.updated", eventWire)
    }

    /// Deletes the membership and emits `organization_membership.deleted`.
    func remove(in tx: Transaction) throws {
        try delete(tx.db)
        try tx.emit("organization_membership.deleted", eventWire)
    }
}
