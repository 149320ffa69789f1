import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// `/user_management/redirect_uris`: the URIs AuthKit may send users back to. The first one is the
/// default; the default cannot be deleted while others remain.
public struct RedirectURIsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("user_management/redirect_uris")
        group.get(use: list)
        group.post(use: create)
        group.delete(":id", use: delete)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let list = try ListQuery(QueryParameters(request))
        let page = try await context.env().read { db in try RedirectURIRecord.all().page(list, in: db) }
        return .json(page.wire(\.wire))
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let uri = try await JSONBody.read(request).requiredString("uri")
        guard let components = URLComponents(string: uri), components.scheme != nil, components.host?.isEmpty == false else {
            throw APIError(.unprocessableContent, message: "uri must be an absolute URI.")
        }
        let record = try await context.env().write { tx in
            guard try RedirectURIRecord.filter(Column("uri") == uri).fetchCount(tx.db) == 0 else {
                throw APIError(.badRequest, message: "The redirect URI '\(uri)' already exists.")
            }
            let record = RedirectURIRecord(id: tx.newID("redir"), uri: uri,
                                           isDefault: (try RedirectURIRecord.fetchCount(tx.db)) == 0,
                                           createdAt: tx.now, updatedAt: tx.now)
            try record.insert(tx.db)
            return record
        }
        return .json(record.wire, status: .created)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            guard let record = try RedirectURIRecord.fetchOne(tx.db, key: id) else { throw APIError.notFound("Redirect URI", id) }
            let remaining = try RedirectURIRecord.fetchCount(tx.db)
            guard !record.isDefault || remaining == 1 else {
                throw APIError(.conflict, message: "The default redirect URI cannot be deleted while others exist.")
            }
            try record.delete(tx.db)
        }
        return .noContent
    }
}
