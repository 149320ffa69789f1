import EmulatorCore
import Hummingbird

/// `/user_management/authkit_oauth_resources`: the resource servers AuthKit issues tokens for, listed,
/// registered (`uri`, `default`) and deleted.
public struct AuthKitOAuthResourcesController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("user_management/authkit_oauth_resources", use: list)
        api.post("user_management/authkit_oauth_resources", use: create)
        api.delete("user_management/authkit_oauth_resources/:id", use: delete)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let list = try ListQuery(QueryParameters(request))
        let page = try await context.env().read { db in try AuthKitOAuthResourceRecord.all().page(list, in: db) }
        return .json(page.wire(\.wire))
    }

    /// 422 naming `uri` when it is not an absolute http(s) URI; 409 `duplicate_oauth_resource` for a known one.
    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let raw = try body.requiredString("uri")
        let isDefault = try body.bool("default") ?? false
        guard let uri = AuthKitOAuthResourceRecord.validated(raw) else {
            throw APIError.invalidParameter("uri", code: "invalid_uri",
                                            "'\(raw)' is not an absolute http(s) URI without a fragment.")
        }
        let record = try await context.env().write { tx in
            try AuthKitOAuthResourceRecord.register(uri: uri, isDefault: isDefault, in: tx)
        }
        return .json(record.wire, status: .created)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in try AuthKitOAuthResourceRecord.find(id, in: tx.db).delete(tx.db) }
        return .noContent
    }
}
