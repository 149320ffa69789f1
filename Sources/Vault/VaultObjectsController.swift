import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// `/vault/v1/kv`: named values the vault encrypts and stores, read back decrypted, updated as new
/// versions (with an optional check of the current version) and deleted.
public struct VaultObjectsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("vault/v1/kv")
        group.get(use: list)
        group.post(use: create)
        group.get("name/:name", use: showByName)
        group.get(":id", use: show)
        group.put(":id", use: update)
        group.delete(":id", use: delete)
        group.get(":id/metadata", use: describe)
        group.get(":id/versions", use: versions)
    }

    /// Newest first by default; `search` keeps the names that contain it, `updatedAfter` the objects
    /// changed after that instant.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list: ListQuery
        do { list = try ListQuery(query) } catch let error as APIError {
            throw VaultError.invalid(error.body["message"]?.stringValue ?? "Invalid list parameters.", status: .badRequest)
        }
        let updatedAfter = try query.string("updatedAfter").map { text in
            guard let date = Timestamp.parse(text) else {
                throw VaultError.invalid("updatedAfter must be an ISO-8601 date-time, not '\(text)'.", status: .badRequest)
            }
            return date
        }
        let search = query.string("search").flatMap { $0.isEmpty ? nil : $0 }
        return .json(try await context.env().read { db in
            var objects = VaultObjectRecord.all()
            if let search { objects = objects.filter(sql: "instr(name, ?) > 0", arguments: [search]) }
            if let updatedAfter { objects = objects.filter(Column("updated_at") > updatedAfter.unixMilliseconds) }
            return try objects.page(list, in: db).wire(\.summary)
        })
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let new = try NewVaultObject(body: try await JSONBody.read(request))
        let environment = try context.env()
        return .json(try await environment.write { tx in
            try VaultObjectRecord.create(new, in: tx, actor: .api(environment)).metadata(environmentID: tx.environmentID)
        }, status: .created)
    }

    @Sendable func show(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return try await read(context) { db in try VaultObjectRecord.find(id, in: db) }
    }

    @Sendable func showByName(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let name = try context.parameter("name")
        return try await read(context) { db in try VaultObjectRecord.find(name: name, in: db) }
    }

    /// The object with its value decrypted: a write, for the `vault.data.read` it logs.
    private func read(_ context: EmulatorRequestContext,
                      _ find: @escaping @Sendable (Database) throws -> VaultObjectRecord) async throws -> Response {
        let environment = try context.env()
        return .json(try await environment.write { tx in
            let object = try find(tx.db)
            return object.wire(environmentID: tx.environmentID, value: try object.read(in: tx, actor: .api(environment)))
        })
    }

    /// 201, as the spec has it, with the object's new metadata and no value.
    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        guard let value = body.object["value"]?.stringValue else {
            throw VaultError.invalid("value is required and must be a string.", status: .badRequest)
        }
        let versionCheck = body.object["version_check"]?.stringValue
        let environment = try context.env()
        return .json(try await environment.write { tx in
            try VaultObjectRecord.find(id, in: tx.db)
                .updating(value: value, versionCheck: versionCheck, in: tx, actor: .api(environment))
                .wire(environmentID: tx.environmentID)
        }, status: .created)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let versionCheck = QueryParameters(request).string("version_check")
        let environment = try context.env()
        return .json(try await environment.write { tx in
            let object = try VaultObjectRecord.find(id, in: tx.db)
            try object.deleting(versionCheck: versionCheck, in: tx, actor: .api(environment))
            return ["name": .string(object.name), "success": true]
        })
    }

    @Sendable func describe(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let environment = try context.env()
        return .json(try await environment.read { db in
            try VaultObjectRecord.find(id, in: db).wire(environmentID: environment.id)
        })
    }

    /// Every version, newest first, the current one marked; one page, as the spec has no cursors here.
    @Sendable func versions(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in
            let object = try VaultObjectRecord.find(id, in: db)
            let versions = try VaultVersionRecord.all(of: id, in: db)
            return [
                "data": .array(versions.map { $0.wire(current: $0.id == object.versionId) }),
                "list_metadata": ["before": nil, "after": nil],
            ]
        })
    }
}
