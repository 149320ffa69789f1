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
        members.patch(use: changeMembers)
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
            try Self.join(try memberships.member(of: group, membershipID, field: "organization_membership_id", tx.db), group, in: tx)
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
            try Self.leave(place, group, in: tx)
        }
        return .noContent
    }

    /// Adds the memberships of `add` not yet in the group and removes those of `remove` that are, all
    /// or nothing: each must be a membership (404) of the group's organization (422).
    @Sendable func changeMembers(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (organizationID, groupID) = (try context.parameter("id"), try context.parameter("groupId"))
        let lists = try GroupChangeLists.read(try await JSONBody.read(request))
        let (toAdd, toRemove) = (try Self.strings(lists.add, field: "add"), try Self.strings(lists.remove, field: "remove"))
        try GroupChangeLists.rejectOverlap(toAdd, toRemove) { "Organization membership '\($0)'" }
        let memberships = self.memberships
        try await context.env().write { tx in
            let group = try Self.group(groupID, of: organizationID, in: tx.db)
            let added = try toAdd.map { try memberships.member(of: group, $0, field: "add", tx.db) }
            for membershipID in toRemove {
                _ = try memberships.member(of: group, membershipID, field: "remove", tx.db)
                if let place = try GroupMemberRecord.of(group.id, member: membershipID, in: tx.db) {
                    try Self.leave(place, group, in: tx)
                }
            }
            for member in added {
                try Self.join(member, group, in: tx)
            }
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

    /// The member joins the group unless it is there already, holding the group's roles from now on.
    private static func join(_ member: AuthorizationAPI.Member, _ group: GroupRecord, in tx: Transaction) throws {
        guard try GroupMemberRecord.of(group.id, member: member.membershipID, in: tx.db) == nil else { return }
        let place = GroupMemberRecord(groupId: group.id, organizationMembershipId: member.membershipID, createdAt: tx.now)
        try place.insert(tx.db)
        for assignment in try GroupRoleAssignmentRecord.filter(Column("group_id") == group.id).fetchAll(tx.db) {
            try assignment.grant(to: [member.membershipID], organizationID: group.organizationId, in: tx)
        }
        try tx.emit("group.member_added", place.eventData, organizationID: group.organizationId)
    }

    /// The member leaves the group, and the roles it held through the group go.
    private static func leave(_ place: GroupMemberRecord, _ group: GroupRecord, in tx: Transaction) throws {
        try place.delete(tx.db)
        let groupAssignments = GroupRoleAssignmentRecord.filter(Column("group_id") == group.id).select(Column("id"))
        try RoleAssignmentRecord.filter(Column("organization_membership_id") == place.organizationMembershipId
                                        && groupAssignments.contains(Column("group_role_assignment_id"))).deleteAll(tx.db)
        try tx.emit("group.member_removed", place.eventData, organizationID: group.organizationId)
    }

    private static func strings(_ entries: [JSON], field: String) throws -> [String] {
        try entries.map { entry in
            guard let id = entry.stringValue else {
                throw APIError.invalidParameter(field, code: "invalid_type", "\(field) must be an array of organization membership IDs.")
            }
            return id
        }
    }

    private static func group(_ id: String, of organizationID: String, in db: Database) throws -> GroupRecord {
        _ = try OrganizationsAPI.summary(of: organizationID, in: db)
        return try GroupRecord.find(id, of: organizationID, in: db)
    }
}

extension AuthorizationAPI.MembershipDirectory {
    /// The membership (404), which must belong to the group's organization (422 on `field`).
    func member(of group: GroupRecord, _ membershipID: String, field: String, _ db: Database) throws -> AuthorizationAPI.Member {
        let member = try member(membershipID, db)
        guard member.organizationID == group.organizationId else {
            throw APIError.invalidParameter(field, code: "invalid_value",
                                            "Organization membership '\(membershipID)' belongs to another organization than group '\(group.id)'.")
        }
        return member
    }
}
