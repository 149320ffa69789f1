import Authorization
import EmulatorCore
import GRDB

/// What the Authorization area needs to know of memberships, handed to it when the emulator is
/// assembled (it cannot import this area, which depends on it).
extension UserManagementAPI {
    public static let membershipDirectory = AuthorizationAPI.MembershipDirectory(
        member: { id, db in try MembershipRecord.find(id, in: db).authorizationMember },
        members: { organizationID, db in
            try MembershipRecord.all(ofOrganization: organizationID, in: db).map(\.authorizationMember)
        },
        page: { ids, list, db in
            try MembershipRecord.filter(ids.contains(Column("id"))).page(list, in: db).map { try $0.wire(in: db) }
        },
        // A pending invitation holds its role too: accepting it makes a membership with that role.
        holdRole: { organizationID, slug, db in
            let invited = try InvitationRecord.filter(Column("organization_id") == organizationID && Column("role_slug") == slug
                                                      && Column("state") == InvitationRecord.State.pending.rawValue).fetchCount(db)
            return try invited > 0
                || MembershipRecord.all(ofOrganization: organizationID, in: db).contains { $0.roleSlugs.contains(slug) }
        })
}

private extension MembershipRecord {
    var authorizationMember: AuthorizationAPI.Member {
        AuthorizationAPI.Member(membershipID: id, organizationID: organizationId, roleSlugs: roleSlugs,
                                isActive: status == .active)
    }
}
