import Authorization
import EmulatorCore
import GRDB

/// A directory's group → role mapping, as WorkOS's directory group role assignment configures it: the
/// members of the group named `group` (its display name, compared without case, so a mapping may name
/// a group the identity provider has not pushed yet) get the role `role`. A directory's mappings are
/// ordered by priority: a user's `role` is the first that applies, its `roles` all that apply; a user
/// no mapping reaches gets the default role. Members of nested groups count as members of the groups
/// that contain them.
struct GroupRole: Codable, Equatable, Sendable {
    var group: String
    var role: String

    /// `group_roles: [{"group", "role"}]` of a control API body; nil when absent.
    static func read(_ body: JSONBody) throws -> [GroupRole]? {
        guard let items = body.object["group_roles"], !items.isNull else { return nil }
        guard let array = items.arrayValue else {
            throw APIError.invalidParameter("group_roles", code: "invalid_value", "group_roles must be a list of {group, role}.")
        }
        return try array.map { item in
            guard let object = item.objectValue, Set(object.keys).isSubset(of: ["group", "role"]),
                  let group = object["group"]?.stringValue, let role = object["role"]?.stringValue else {
                throw APIError.invalidParameter("group_roles", code: "invalid_value",
                                                "Each group_roles entry is {\"group\": group name, \"role\": role slug}.")
            }
            return GroupRole(group: group, role: role)
        }
    }

    /// The mappings, once each role is a role of the organization (an environment role or its own, at
    /// organization level) and each group is named: 422 `invalid_role` or `invalid_value` otherwise.
    static func validate(_ mappings: [GroupRole], organizationID: String, in db: Database) throws -> [GroupRole] {
        for mapping in mappings {
            guard !mapping.group.isEmpty else {
                throw APIError.invalidParameter("group_roles", code: "invalid_value", "A group role mapping needs a group name.")
            }
            guard let role = try AuthorizationAPI.role(mapping.role, in: organizationID, db: db),
                  role.resourceTypeSlug == AuthorizationAPI.organizationResourceType else {
                throw APIError(.unprocessableContent, code: "invalid_role", message: "Role '\(mapping.role)' is not a valid role.")
            }
        }
        return mappings
    }

    var wire: JSON { ["group": .string(group), "role": .string(role)] }
}

extension DirectoryWriter {
    /// The roles the directory's mappings give a user (once it joins `joining` too), in priority order;
    /// nil when the directory maps no groups (its users' roles are then the ones the control API or a
    /// scenario gave them).
    func mappedRoles(of userID: String, joining: [DirectoryGroupRecord] = []) throws -> [String]? {
        guard !directory.groupRoles.isEmpty else { return nil }
        var names = Set(try groups(containing: userID).map { $0.name.lowercased() })
        for group in joining {
            names.insert(group.name.lowercased())
            names.formUnion(try groups(containing: group.id).map { $0.name.lowercased() })
        }
        var roles: [String] = []
        for mapping in directory.groupRoles where names.contains(mapping.group.lowercased()) && !roles.contains(mapping.role) {
            roles.append(mapping.role)
        }
        return roles.isEmpty ? [AuthorizationAPI.defaultRoleSlug] : roles
    }

    /// Recomputes these users' roles; each one that changes is saved with `dsync.user.updated`.
    func refreshRoles(of userIDs: [String]) throws {
        var seen: Set<String> = []
        for id in userIDs where seen.insert(id).inserted {
            guard let current = try DirectoryUserRecord.fetchOne(tx.db, key: id),
                  let roles = try mappedRoles(of: id), roles != current.roles else { continue }
            var record = current
            record.roles = roles
            try save(record, changedFrom: current)
        }
    }

    /// The groups a user or group is in, directly or through nested groups.
    func groups(containing memberID: String) throws -> [DirectoryGroupRecord] {
        var pending = [memberID]
        var seen: Set<String> = []
        var groups: [DirectoryGroupRecord] = []
        while let next = pending.popLast() {
            for link in try GroupMemberRecord.memberships(of: next, in: tx.db) where seen.insert(link.groupId).inserted {
                groups.append(try DirectoryGroupRecord.find(link.groupId, in: tx.db))
                pending.append(link.groupId)
            }
        }
        return groups
    }

    /// The users in a group, directly or through nested groups; a user's ID alone stands for itself.
    func users(under memberID: String) throws -> [String] {
        var pending = [memberID]
        var seen: Set<String> = [memberID]
        var users: [String] = []
        if try DirectoryUserRecord.exists(tx.db, key: memberID) { return [memberID] }
        while let next = pending.popLast() {
            for link in try GroupMemberRecord.members(of: next, in: tx.db) where seen.insert(link.memberId).inserted {
                if link.memberType == .user { users.append(link.memberId) } else { pending.append(link.memberId) }
            }
        }
        return users
    }
}
