import Authorization
import EmulatorCore
import GRDB

/// What the Authorization area needs to know of memberships, handed to it when the emulator is
/// assembled (it cannot import this area, which depends on it).
extension UserManagementAPI {
    public static let membershipDirectory = AuthorizationAPI.MembershipDirectory(
        member: { id, db in
            let record = try MembershipRecord.find(id, in: db)
            return AuthorizationAPI.Member(membershipID: record.id, organizationID: record.organizationId,
                                           roleSlugs: record.roleSlugs, isActive: record.status == .active)
        },
        holdRole: { organizationID, slug, db in
            try MembershipRecord.all(ofOrganization: organizationID, in: db).contains { $0.roleSlugs.contains(slug) }
        })
}
