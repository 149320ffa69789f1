import EmulatorCore
import GRDB
import Hummingbird

/// `/directory_users`: list and read directory users.
public struct DirectoryUsersController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("directory_users")
        group.get(use: list)
        group.get(":id", use: get)
    }

    /// Filters `directory`, `group` (direct members), and, within a directory, `idp_id` and `email`.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let directoryID = query.string("directory")
        let groupID = query.string("group")
        let idpID = query.string("idp_id")
        let email = query.string("email")
        for (name, value) in [("idp_id", idpID), ("email", email)] where value != nil && directoryID == nil {
            throw APIError.invalidParameter(name, code: "directory_required", "Filtering by \(name) requires directory.")
        }
        let page = try await context.env().read { db in
            var users = DirectoryUserRecord.all()
            if let directoryID {
                _ = try DirectoryRecord.find(directoryID, in: db)
                users = users.filter(Column("directory_id") == directoryID)
            }
            if let groupID {
                _ = try DirectoryGroupRecord.find(groupID, in: db)
                users = users.filter(sql: "id IN (SELECT member_id FROM directory_group_members WHERE group_id = ?)",
                                     arguments: [groupID])
            }
            if let idpID { users = users.filter(Column("idp_id") == idpID) }
            if let email { users = users.filter(Column("email") == email) }
            let page = try users.page(list, in: db)
            let groups = try GroupMemberRecord.groups(of: page.data.map(\.id), in: db)
            return page.map { $0.wire(groups: groups[$0.id] ?? []) }
        }
        return .json(page.wire { $0 })
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try DirectoryUserRecord.find(id, in: db).wire(in: db) })
    }
}
