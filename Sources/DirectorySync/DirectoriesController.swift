import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// `/directories`: list, read and delete directories, and ask for a sync.
public struct DirectoriesController: Sendable {
    /// WorkOS's cooldown between manual sync requests of one directory.
    static let syncCooldown: TimeInterval = 5 * 60

    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("directories")
        group.get(use: list)
        group.get(":id", use: get)
        group.delete(":id", use: delete)
        group.post(":id/sync", use: sync)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let organizationID = query.string("organization_id")
        let search = query.string("search")
        let domain = query.string("domain")
        let page = try await context.env().read { db in
            var directories = DirectoryRecord.all()
            if let organizationID { directories = directories.filter(Column("organization_id") == organizationID) }
            if let domain { directories = directories.filter(Column("domain") == domain) }
            if let search { directories = directories.filter(Column("name").like("%\(search)%")) }
            return try directories.page(list, in: db).map { try $0.wire(in: db) }
        }
        return .json(page.wire { $0 })
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try DirectoryRecord.find(id, in: db).wire(in: db) })
    }

    /// Deletes the directory with its users and groups, each with its event.
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in try DirectoryRecord.find(id, in: tx.db).delete(in: tx) }
        return Response(status: .accepted)
    }

    /// WorkOS queues a sync for Google Workspace directories only, at most once per cooldown. The
    /// emulator has no provider to pull from, so a queued sync changes nothing; it answers as WorkOS does.
    @Sendable func sync(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            var directory = try DirectoryRecord.find(id, in: tx.db)
            guard directory.type == "gsuite directory", [.linked, .validating].contains(directory.state) else {
                throw APIError(.unprocessableContent, code: "sync_not_supported",
                               message: "Only Google Workspace directories that are linked or validating can be synced on request.")
            }
            if let last = directory.syncRequestedAt, tx.now.timeIntervalSince(last) < Self.syncCooldown {
                throw APIError(.conflict, code: "sync_cooldown",
                               message: "A sync of directory '\(id)' was requested less than five minutes ago.")
            }
            directory.syncRequestedAt = tx.now
            try directory.update(tx.db)
        }
        return .json(["status": "queued"], status: .accepted)
    }
}
