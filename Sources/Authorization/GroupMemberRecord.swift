import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_group_members`: an organization membership's place in a group of the same
/// organization.
struct GroupMemberRecord: EmulatorRecord, Equatable {
    static let databaseTableName = "authorization_group_members"

    var groupId: String
    var organizationMembershipId: String
    var createdAt: Date

    var eventData: JSON {
        ["group_id": .string(groupId), "organization_membership_id": .string(organizationMembershipId)]
    }

    static func of(_ group: String, member membershipID: String, in db: Database) throws -> GroupMemberRecord? {
        try filter(Column("group_id") == group && Column("organization_membership_id") == membershipID).fetchOne(db)
    }

    static func memberIDs(of groupID: String, in db: Database) throws -> [String] {
        try filter(Column("group_id") == groupID).select(Column("organization_membership_id"), as: String.self).fetchAll(db)
    }

    static func groupIDs(of membershipID: String, in db: Database) throws -> [String] {
        try filter(Column("organization_membership_id") == membershipID).select(Column("group_id"), as: String.self).fetchAll(db)
    }
}
