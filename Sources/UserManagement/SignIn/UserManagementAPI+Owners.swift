import EmulatorCore
import GRDB

extension UserManagementAPI {
    /// The organization a membership belongs to, or nil for an unknown membership ID.
    public static func organizationID(ofMembership id: String, in db: Database) throws -> String? {
        try MembershipRecord.fetchOne(db, key: id)?.organizationId
    }

    /// The organization an invitation invites to, or nil for an unknown invitation or one to no organization.
    public static func organizationID(ofInvitation id: String, in db: Database) throws -> String? {
        try InvitationRecord.fetchOne(db, key: id)?.organizationId
    }
}
