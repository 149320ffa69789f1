import EmulatorCore
import GRDB

/// The one way a directory's users, groups and memberships change. SCIM requests, the control API and
/// scenario files all come through here, inside their transaction, so the same change always emits
/// the same `dsync.*` events.
struct DirectoryWriter {
    let tx: Transaction
    let directory: DirectoryRecord

    // MARK: users

    /// Creates the user (`dsync.user.created`), then adds it to `groups` (`dsync.group.user_added`
    /// each); its roles already count those groups, so joining them changes none.
    @discardableResult
    func createUser(_ fields: DirectoryUserFields, id: String? = nil, joining groups: [DirectoryGroupRecord] = []) throws
        -> DirectoryUserRecord
    {
        try ensureUsernameFree(fields.username, except: nil)
        let id = id ?? tx.newID("directory_user")
        var record = DirectoryUserRecord(
            id: id, directoryId: directory.id, organizationId: directory.organizationId, idpId: fields.externalId ?? id,
            externalId: nil, username: "", state: .active, emails: [], customAttributes: [:], rawAttributes: [:],
            roles: [], createdAt: tx.now, updatedAt: tx.now)
        record.apply(fields)
        record.roles = try mappedRoles(of: id, joining: groups) ?? record.roles
        try record.insert(tx.db)
        try tx.emit("dsync.user.created", record.eventData)
        // The roles of all the groups are already the user's: recomputing them after each join would
        // drop those of the groups not joined yet, then restore them, with an event each time.
        for group in groups { try addMember(id, to: group, refreshingRoles: false) }
        return record
    }

    /// Emits `dsync.user.updated` with the attributes' previous values, when anything changed.
    @discardableResult
    func updateUser(_ current: DirectoryUserRecord, _ fields: DirectoryUserFields) throws -> DirectoryUserRecord {
        var record = current
        record.apply(fields)
        record.roles = try mappedRoles(of: record.id) ?? record.roles
        guard record != current else { return current }
        try ensureUsernameFree(record.username, except: record.id)
        return try save(record, changedFrom: current)
    }

    @discardableResult
    func save(_ changed: DirectoryUserRecord, changedFrom current: DirectoryUserRecord) throws -> DirectoryUserRecord {
        var record = changed
        record.updatedAt = tx.now
        try record.update(tx.db)
        var data = record.eventData
        data.set("previous_attributes", PreviousAttributes.between(current.eventData, data))
        try tx.emit("dsync.user.updated", data)
        return record
    }

    /// Takes the user out of its groups (`dsync.group.user_removed` each), then deletes it.
    func deleteUser(_ record: DirectoryUserRecord) throws {
        for membership in try GroupMemberRecord.memberships(of: record.id, in: tx.db) {
            try removeMember(record.id, from: try DirectoryGroupRecord.find(membership.groupId, in: tx.db), refreshingRoles: false)
        }
        try record.delete(tx.db)
        try tx.emit("dsync.user.deleted", record.eventData)
    }

    private func ensureUsernameFree(_ username: String, except id: String?) throws {
        guard !username.isEmpty else { throw JSONBody.required("username") }
        var others = DirectoryUserRecord.all(in: directory.id).filter(Column("username") == username)
        if let id { others = others.filter(Column("id") != id) }
        guard try others.isEmpty(tx.db) else {
            throw APIError(.conflict, code: "directory_user_exists",
                           message: "A user named '\(username)' already exists in directory '\(directory.id)'.")
        }
    }

    // MARK: groups

    @discardableResult
    func createGroup(_ fields: DirectoryGroupFields, id: String? = nil) throws -> DirectoryGroupRecord {
        guard !fields.name.isEmpty else { throw JSONBody.required("name") }
        let id = id ?? tx.newID("directory_group")
        let record = DirectoryGroupRecord(
            id: id, directoryId: directory.id, organizationId: directory.organizationId, idpId: fields.externalId ?? id,
            externalId: fields.externalId, name: fields.name, rawAttributes: fields.rawAttributes,
            createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        try tx.emit("dsync.group.created", record.wire)
        return record
    }

    @discardableResult
    func updateGroup(_ current: DirectoryGroupRecord, _ fields: DirectoryGroupFields) throws -> DirectoryGroupRecord {
        guard !fields.name.isEmpty else { throw JSONBody.required("name") }
        var record = current
        record.externalId = fields.externalId
        record.idpId = fields.externalId ?? record.id
        record.name = fields.name
        record.rawAttributes = fields.rawAttributes
        guard record != current else { return current }
        record.updatedAt = tx.now
        try record.update(tx.db)
        var data = record.wire
        data.set("previous_attributes", PreviousAttributes.between(current.wire, data))
        try tx.emit("dsync.group.updated", data)
        // Mappings name groups by name, so a renamed group may carry another role.
        if record.name != current.name { try refreshRoles(of: try users(under: record.id)) }
        return record
    }

    /// Deletes the group and every membership it is part of, as member or container.
    func deleteGroup(_ record: DirectoryGroupRecord) throws {
        let members = try users(under: record.id)
        try GroupMemberRecord.filter(Column("member_id") == record.id).deleteAll(tx.db)
        try GroupMemberRecord.filter(Column("group_id") == record.id).deleteAll(tx.db)
        try record.delete(tx.db)
        try tx.emit("dsync.group.deleted", record.wire)
        try refreshRoles(of: members)
    }

    // MARK: memberships

    /// Adds a user or a group of this directory to the group; a user's arrival is
    /// `dsync.group.user_added`, followed by `dsync.user.updated` for each user whose roles the group's
    /// mapping changes. Adding a present member changes nothing.
    func addMember(_ memberID: String, to group: DirectoryGroupRecord, refreshingRoles: Bool = true) throws {
        let member = try self.member(memberID)
        guard try GroupMemberRecord.fetchOne(tx.db, key: ["group_id": group.id, "member_id": memberID]) == nil else { return }
        if case .group(let nested) = member, try contains(nested.id, group.id) {
            throw APIError.invalidParameter("members", code: "invalid_value",
                                            "Adding group '\(nested.id)' to '\(group.id)' would make a cycle.")
        }
        try GroupMemberRecord(groupId: group.id, memberId: memberID, memberType: member.type).insert(tx.db)
        if case .user(let user) = member { try emitMembership("dsync.group.user_added", user: user, group: group) }
        if refreshingRoles { try refreshRoles(of: try users(under: memberID)) }
    }

    func removeMember(_ memberID: String, from group: DirectoryGroupRecord, refreshingRoles: Bool = true) throws {
        guard let link = try GroupMemberRecord.fetchOne(tx.db, key: ["group_id": group.id, "member_id": memberID]) else { return }
        try link.delete(tx.db)
        if link.memberType == .user {
            try emitMembership("dsync.group.user_removed", user: try DirectoryUserRecord.find(memberID, in: tx.db), group: group)
        }
        if refreshingRoles { try refreshRoles(of: try users(under: memberID)) }
    }

    /// Makes the group's direct members exactly these, adding and removing the difference.
    func setMembers(of group: DirectoryGroupRecord, to memberIDs: [String]) throws {
        let current = Set(try GroupMemberRecord.members(of: group.id, in: tx.db).map(\.memberId))
        let wanted = Set(memberIDs)
        for gone in current.subtracting(wanted).sorted() { try removeMember(gone, from: group) }
        for memberID in memberIDs where !current.contains(memberID) { try addMember(memberID, to: group) }
    }

    enum Member {
        case user(DirectoryUserRecord)
        case group(DirectoryGroupRecord)

        var type: GroupMemberRecord.MemberType {
            if case .user = self { .user } else { .group }
        }
    }

    /// A user or group of this directory, or a 422 naming the stranger.
    func member(_ id: String) throws -> Member {
        if let user = try DirectoryUserRecord.fetchOne(tx.db, key: id), user.directoryId == directory.id { return .user(user) }
        if let group = try DirectoryGroupRecord.fetchOne(tx.db, key: id), group.directoryId == directory.id { return .group(group) }
        throw APIError.invalidParameter("members", code: "invalid_value",
                                        "'\(id)' is neither a user nor a group of directory '\(directory.id)'.")
    }

    /// Whether `groupID` is `ancestor` or nested (at any depth) inside it.
    private func contains(_ ancestor: String, _ groupID: String) throws -> Bool {
        var pending = [ancestor]
        var seen: Set<String> = []
        while let next = pending.popLast() {
            if next == groupID { return true }
            guard seen.insert(next).inserted else { continue }
            pending += try GroupMemberRecord.members(of: next, in: tx.db).filter { $0.memberType == .group }.map(\.memberId)
        }
        return false
    }

    private func emitMembership(_ type: String, user: DirectoryUserRecord, group: DirectoryGroupRecord) throws {
        try tx.emit(type, ["directory_id": .string(directory.id), "user": user.eventData, "group": group.wire],
                    organizationID: directory.organizationId)
    }
}

extension DirectoryUserRecord {
    mutating func apply(_ fields: DirectoryUserFields) {
        idpId = fields.externalId ?? id
        externalId = fields.externalId
        username = fields.username
        email = fields.email
        firstName = fields.firstName
        lastName = fields.lastName
        name = fields.name
        jobTitle = fields.jobTitle
        state = fields.state
        emails = fields.emails
        customAttributes = fields.customAttributes
        rawAttributes = fields.rawAttributes
        roles = fields.roles
    }
}

/// `previous_attributes` of an `*.updated` event: the earlier value of every top-level attribute that
/// changed; for object attributes (`raw_attributes`, `custom_attributes`), only the keys that changed,
/// with `null` for keys that were added.
enum PreviousAttributes {
    static func between(_ before: JSON, _ after: JSON) -> JSON {
        guard let old = before.objectValue, let new = after.objectValue else { return [:] }
        var previous = JSONObject()
        for (key, value) in old.pairs where key != "updated_at" && new[key] != value {
            if let oldObject = value.objectValue, let newObject = new[key]?.objectValue {
                var changed = JSONObject()
                for (inner, innerValue) in oldObject.pairs where newObject[inner] != innerValue { changed[inner] = innerValue }
                for inner in newObject.keys where oldObject[inner] == nil { changed[inner] = .null }
                previous[key] = .object(changed)
            } else {
                previous[key] = value
            }
        }
        return .object(previous)
    }
}
