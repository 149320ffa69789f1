import EmulatorCore
import GRDB
import Hummingbird

/// The four verbs of `…/connected_accounts/{slug}` and the `…/data_providers` list, the same for every
/// kind of owner: `owner` finds who the request's path and query name (404 when they do not exist),
/// `checkMember` whether the member a write names may act for that owner.
struct ConnectedAccountsRoutes: Sendable {
    let owner: @Sendable (Request, EmulatorRequestContext, Database) throws -> ConnectedAccountOwner
    let checkMember: @Sendable (String?, ConnectedAccountOwner, Database) throws -> Void
    /// Whether a write's body must name the acting member (`user_id`).
    let requiresMember: Bool

    func addRoutes(to api: RouterGroup<EmulatorRequestContext>, at base: String) {
        api.get("\(base)/connected_accounts/:slug", use: get)
        api.post("\(base)/connected_accounts/:slug", use: create)
        api.put("\(base)/connected_accounts/:slug", use: update)
        api.delete("\(base)/connected_accounts/:slug", use: delete)
        api.get("\(base)/data_providers", use: providers)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        let selector = try ConnectedAccountSelector(QueryParameters(request))
        return .json(try await context.env().read { db in
            let owner = try owner(request, context, db)
            return try ConnectedAccountRecord.find(owner, slug: slug, connectedAccountID: selector.connectedAccountID, in: db).wire
        })
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        let input = try ConnectedAccountInput(body: try await JSONBody.read(request), requiresUser: requiresMember)
        let created = try await context.env().write { tx in
            let owner = try owner(request, context, tx.db)
            try checkMember(input.userID, owner, tx.db)
            _ = try DataProvider.find(slug)
            return try ConnectedAccountRecord.create(input, for: owner, slug: slug, in: tx)
        }
        return .json(created.wire, status: .created)
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        let selector = try ConnectedAccountSelector(QueryParameters(request), forUpdate: true)
        let input = try ConnectedAccountInput(body: try await JSONBody.read(request), requiresUser: requiresMember)
        return .json(try await context.env().write { tx in
            let owner = try owner(request, context, tx.db)
            try checkMember(input.userID, owner, tx.db)
            return try ConnectedAccountRecord.find(owner, slug: slug, connectedAccountID: selector.connectedAccountID, in: tx.db)
                .updated(with: input, in: tx).wire
        })
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        let selector = try ConnectedAccountSelector(QueryParameters(request))
        try await context.env().write { tx in
            let owner = try owner(request, context, tx.db)
            try ConnectedAccountRecord.find(owner, slug: slug, connectedAccountID: selector.connectedAccountID, in: tx.db)
                .disconnect(in: tx)
        }
        return .noContent
    }

    /// Every provider of the catalogue, with the owner's connection to it (or null): not paginated.
    @Sendable func providers(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        _ = try ConnectedAccountSelector(QueryParameters(request))
        return .json(try await context.env().read { db in
            let owner = try owner(request, context, db)
            let accounts = try ConnectedAccountRecord.byProvider(of: owner, in: db)
            let data = DataProvider.catalogue.map { $0.wire(for: owner, account: accounts[$0.slug]) }
            return ["object": "list", "data": .array(data)] as JSON
        })
    }
}
