import EmulatorCore
import GRDB

/// A row of `directory_group_members`: a user, or a nested group, directly in a group.
struct GroupMemberRecord: EmulatorRecord, Equatable {
    static let databaseTableName = "directory_group_members"

    enum MemberType: String, Codable, Sendable { case user, group }

    var groupId: String
    var memberId: String
    var memberType: MemberType

    static func members(of groupID: String, in db: Database) throws -> [GroupMemberRecord] {
        try filter(Column("group_id") == groupID).order(Column("member_id")).fetchAll(db)
    }

    static func memberships(of memberID: String, in db: Database) throws -> [GroupMemberRecord] {
        try filter(Column("member_id") == memberID).order(Column("group_id")).fetchAll(db)
    }

    /// The groups each of these users or groups belongs to directly, in one query per page.
    static func groups(of memberIDs: [String], in db: Database) throws -> [String: [DirectoryGroupRecord]] {
        guard !memberIDs.isEmpty else { return [:] }
        let links = try filter(memberIDs.contains(Column("member_id"))).fetchAll(db)
        let groups = Dictionary(uniqueKeysWithValues: try DirectoryGroupRecord.fetchAll(db, keys: Set(links.map(\.groupId)))
            .map { ($0.id, $0) })
        var result: [String: [DirectoryGroupRecord]] = [:]
        for link in links.sorted(by: { $0.groupId < $1.groupId }) {
            if let group = groups[link.groupId] { result[link.memberId, default: []].append(group) }
        }
        return result
    }
}
