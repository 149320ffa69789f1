import EmulatorCore
import Hummingbird

/// `/user_management/jwt_template`: read and replace the environment's JWT template. A template that
/// does not validate is WorkOS's 422 and leaves the saved one as it was.
public struct JWTTemplateController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("user_management/jwt_template", use: get)
        api.put("user_management/jwt_template", use: update)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        guard let record = try await context.env().read({ db in try JWTTemplateRecord.current(in: db) }) else {
            throw APIError(.notFound, message: "JWT template not found.")
        }
        return .json(record.wire)
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let content = try await JSONBody.read(request).requiredString("content")
        do {
            _ = try JWTTemplate(parsing: content)
        } catch {
            throw error.apiError
        }
        return .json(try await context.env().write { tx in
            var record = try JWTTemplateRecord.current(in: tx.db)
                ?? JWTTemplateRecord(content: content, createdAt: tx.now, updatedAt: tx.now)
            record.content = content
            record.updatedAt = tx.now
            try record.save(tx.db)
            return record.wire
        })
    }
}
