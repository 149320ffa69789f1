import EmulatorCore
import Hummingbird

/// `/user_management/users/{id}/email_change`: mail a code to the new address (captured in the
/// outbox), then confirm it to move the user there.
public struct EmailChangeController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.post("user_management/users/:id/email_change/send", use: send)
        api.post("user_management/users/:id/email_change/confirm", use: confirm)
    }

    @Sendable func send(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let raw = try await JSONBody.read(request).requiredString("new_email")
        guard let newEmail = EmailAddress.normalize(raw) else {
            throw APIError(.unprocessableContent, code: "invalid_email", message: "'\(raw)' is not a valid email address.")
        }
        return .json(try await context.env().write { tx in
            let user = try UserRecord.find(id, in: tx.db)
            guard newEmail != user.email else {
                throw APIError(.conflict, code: "email_change_not_needed", message: "The user already has this email.")
            }
            try Self.ensureAvailable(newEmail, for: id, in: tx)
            let change = EmailChangeRecord(user: user, newEmail: newEmail, in: tx)
            try change.insert(tx.db)
            try tx.send(to: newEmail, kind: "email_change", subject: "Your email change code is \(change.code)",
                        code: change.code, related: ["user_id": .string(user.id)])
            return change.wire(user: user)
        })
    }

    /// Confirms the pending (newest) change with its code; the user's email becomes the new address,
    /// verified.
    @Sendable func confirm(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let code = try await JSONBody.read(request).requiredString("code")
        return .json(try await context.env().write { tx in
            var user = try UserRecord.find(id, in: tx.db)
            guard var change = try EmailChangeRecord.latest(of: id, in: tx.db),
                  change.consumedAt == nil || change.code == code else {
                throw APIError(.conflict, code: "no_pending_email_change", message: "The user has no pending email change.")
            }
            guard change.code == code else {
                throw APIError(.badRequest, code: "email_change_code_incorrect", message: "The code is incorrect.")
            }
            guard change.consumedAt == nil else {
                throw APIError(.conflict, code: "email_change_code_previously_used", message: "The code has already been used.")
            }
            guard tx.now < change.expiresAt else {
                throw APIError(.badRequest, code: "email_change_code_expired", message: "The code has expired.")
            }
            try Self.ensureAvailable(change.newEmail, for: id, in: tx)
            change.consumedAt = tx.now
            try change.update(tx.db)
            let before = user
            user.email = change.newEmail
            user.emailVerified = true
            try user.save(changedFrom: before, in: tx)
            return ["object": "email_change_confirmation", "user": user.wire]
        })
    }

    private static func ensureAvailable(_ email: String, for userID: String, in tx: Transaction) throws {
        guard try !UserRecord.emailTaken(email, except: userID, in: tx.db) else {
            throw APIError(.conflict, code: "email_not_available", message: "This email is not available.")
        }
    }
}
