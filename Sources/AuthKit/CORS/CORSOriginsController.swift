import EmulatorCore
import GRDB
import Hummingbird

/// `/user_management/cors_origins`: the web origins allowed to call AuthKit from the browser.
public struct CORSOriginsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("user_management/cors_origins", use: list)
        api.post("user_management/cors_origins", use: create)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let list = try ListQuery(QueryParameters(request))
        let page = try await context.env().read { db in try CORSOriginRecord.all().page(list, in: db) }
        return .json(page.wire(\.wire))
    }

    /// 422 `{message, errors}` for a malformed origin, 409 `duplicate_cors_origin` for a known one.
    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let raw = try await JSONBody.read(request).requiredString("origin")
        guard let origin = CORSOriginRecord.normalize(raw) else {
            throw APIError(.unprocessableContent, body: [
                "message": "Validation failed.",
                "errors": [["field": "origin", "code": "invalid_origin",
                            "message": .string("'\(raw)' is not an origin (scheme://host[:port]).")]],
            ])
        }
        let record = try await context.env().write { tx in
            guard try CORSOriginRecord.filter(Column("origin") == origin).fetchCount(tx.db) == 0 else {
                throw APIError(.conflict, code: "duplicate_cors_origin", message: "The CORS origin '\(origin)' already exists.")
            }
            let record = CORSOriginRecord(id: tx.newID("cors_origin"), origin: origin, createdAt: tx.now, updatedAt: tx.now)
            try record.insert(tx.db)
            return record
        }
        return .json(record.wire, status: .created)
    }
}
