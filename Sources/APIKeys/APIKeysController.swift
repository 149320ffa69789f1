import EmulatorCore
import Foundation
import Hummingbird

/// `/api_keys`: validating a key's secret value, expiring a key and deleting it, whoever owns it.
public struct APIKeysController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("api_keys")
        group.post("validations", use: validate)
        group.delete(":id", use: delete)
        group.post(":id/expire", use: expire)
    }

    /// 200 with the key whose value this is, or `{"api_key": null}` for a value that names no live key
    /// (unknown, revoked or expired): the answer is never an error, as WorkOS's is not. A match stamps
    /// the key's `last_used_at`.
    @Sendable func validate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let value = try await JSONBody.read(request).requiredString("value")
        return .json(try await context.env().write { tx in
            ["api_key": try APIKeyRecord.use(value: value, in: tx)?.wire ?? .null]
        })
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in try APIKeyRecord.find(id, in: tx.db).revoke(in: tx) }
        return .noContent
    }

    /// `expires_at` absent (or in the past) expires the key now; a future instant schedules it; `null`
    /// clears a scheduled expiry.
    @Sendable func expire(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        let requested: FieldUpdate<Date> = try body.update("expires_at") { key in
            let text = try body.string(key)!
            guard let date = Timestamp.parse(text) else {
                throw APIError.invalidParameter(key, code: "invalid_value", "\(key) must be an ISO-8601 date-time, not '\(text)'.")
            }
            return date
        }
        return .json(try await context.env().write { tx in
            let at: Date? = switch requested {
            case .unchanged: tx.now
            case .clear: nil
            case .set(let date): date
            }
            return try APIKeyRecord.find(id, in: tx.db).expiring(at: at, in: tx).wire
        })
    }
}
