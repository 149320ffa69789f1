import EmulatorCore
import GRDB
import Hummingbird

/// `/directory_groups`: list and read directory groups.
public struct DirectoryGroupsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("directory_groups")
        group.get(use: list)
        group.get(":id", use: get)
    }

    /// Filters `directory` and `user` (the groups the user is directly in).
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let directoryID = query.string("directory")
        let userID = query.string("user")
        let page = try await context.env().read { db in
            var groups = DirectoryGroupRecord.all()
            if let directoryID {
                _ = try DirectoryRecord.find(directoryID, in: db)
                groups = groups.filter(Column("directory_id") == directoryID)
            }
            if let userID {
                _ = try DirectoryUserRecord.find(userID, in: db)
                groups = groups.filter(sql: "id IN (SELECT group_id FROM directory_group_members WHERE member_id = ?)",
                                       arguments: [userID])
            }
            return try groups.page(list, in: db)
        }
        return .json(page.wire(\.wire))
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try DirectoryGroupRecord.find(id, in: db).wire })
    }
}
