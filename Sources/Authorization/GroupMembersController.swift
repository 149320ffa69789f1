import EmulatorCore
import GRDB
import Hummingbird
import Organizations

/// A group's members (`/organizations/{id}/groups/{groupId}/organization-memberships`) and a
/// membership's groups (`/user_management/organization_memberships/{id}/groups`). The memberships live
/// in another area, reached through the `MembershipDirectory` given at assembly.
public struct GroupMembersController: Sendable {
    let memberships: AuthorizationAPI.MembershipDirectory

    public init(memberships: AuthorizationAPI.MembershipDirectory) {
        self.memberships = memberships
    }

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let members = api.group("organizations/:id/groups/:groupId/organization-memberships")
        members.get(use: listMembers)
        members.post(use: addMember)
        members.delete(":membershipId", use: removeMember)
        // `:id` as the memberships' own routes name the segment.
        api.get("user_management/organization_memberships/:id/groups", use: listGroupsOfMembership)
    }

    /// The group's memberships, as the memberships API shows them.
    @Sendable func listMembers(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (organizationID, groupID) = (try context.parameter("id"), try context.parameter("groupId"))
        let list = try ListQuery(QueryParameters(request))
        let memberships = self.memberships
        let page = try await context.env().read { db in
            let group = try Self.group(groupID, of: organizationID, in: db)
            return try memberships.page(try GroupMemberRecord.memberIDs(of: group.id, in: db), list, db)
        }
        return .json(page.wire { $0 })
    }

    /// Adds `organization_membership_id`, a membership of the group's organization, answering the
    /// group. The member holds the group's roles from now on. Adding a member again changes nothing.
    @Sendable func addMember(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (organizationID, groupID) = (try context.parameter("id"), try context.parameter("groupId"))
        let membershipID = try await JSONBody.read(request).requiredString("organization_membership_id")
        let memberships = self.memberships
        return .json(try await context.env().write { tx in
            let group = try Self.group(groupID, of: organizationID, in: tx.db)
            let member = try memberships.member(membershipID, tx.db)
            guard member.organizationID == group.organizationId else {
                throw APIError.invalidParameter("organization_membership_id", code: "invalid_value",
                                                "Organization membership '\(membershipID)' belongs to another organization than group '\(groupID)'.")
            }
            guard try GroupMemberRecord.of(group.id, member: membershipID, in: tx.db) == nil else { return group.wire }
            let place = GroupMemberRecord(groupId: group.id, organizationMembershipId: membershipID, createdAt: tx.now)
            try place.insert(tx.db)
            for assignment in try GroupRoleAssignmentRecord.filter(Column("group_id") == group.id).fetchAll(tx.db) {
                try assignment.grant(to: [membershipID], organizationID: group.organizationId, in: tx)
            }
            try tx.emit("group.member_added", place.eventData, organizationID: group.organizationId)
            return group.wire
        })
    }

    /// The membership leaves the group, and the roles it held through the group go.
    @Sendable func removeMember(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (organizationID, groupID) = (try context.parameter("id"), try context.parameter("groupId"))
        let membershipID = try context.parameter("membershipId")
        try await context.env().write { tx in
            let group = try Self.group(groupID, of: organizationID, in: tx.db)
            guard let place = try GroupMemberRecord.of(group.id, member: membershipID, in: tx.db) else {
                throw APIError.notFound("Organization Membership", membershipID)
            }
            try place.delete(tx.db)
            let groupAssignments = GroupRoleAssignmentRecord.filter(Column("group_id") == group.id).select(Column("id"))
            try RoleAssignmentRecord.filter(Column("organization_membership_id") == membershipID
                                            && groupAssignments.contains(Column("group_role_assignment_id"))).deleteAll(tx.db)
            try tx.emit("group.member_removed", place.eventData, organizationID: group.organizationId)
        }
        return .noContent
    }

    /// The groups the membership belongs to.
    @Sendable func listGroupsOfMembership(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let membershipID = try context.parameter("id")
        let list = try ListQuery(QueryParameters(request))
        let memberships = self.memberships
        return .json(try await context.env().read { db in
            let member = try memberships.member(membershipID, db)
            let groupIDs = try GroupMemberRecord.groupIDs(of: member.membershipID, in: db)
            return try GroupRecord.filter(groupIDs.contains(Column("id"))).page(list, in: db)
        }.wire)
    }

    private static func group(_ id: String, of organizationID: String, in db: Database) throws -> GroupRecord {
        _ = try OrganizationsAPI.summary(of: organizationID, in: db)
        return try GroupRecord.find(id, of: organizationID, in: db)
    }
}
