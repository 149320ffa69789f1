import EmulatorCore
import Hummingbird

/// `/user_management/password_reset`: mail a reset link (captured in the outbox), read it, and set the
/// new password with its token.
public struct PasswordResetController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("user_management/password_reset")
        group.post(use: create)
        group.post("confirm", use: confirm)
        group.get(":id", use: get)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let email = try UserFields.email(try await JSONBody.read(request).requiredString("email"))
        let baseURL = request.emulatorBaseURL
        let reset = try await context.env().write { tx in
            guard let user = try UserRecord.find(email: email, in: tx.db) else { throw APIError.notFound("User", email) }
            let reset = PasswordResetRecord(user: user, baseURL: baseURL, in: tx)
            try reset.insert(tx.db)
            try tx.emit("password_reset.created", reset.eventWire)
            try tx.send(to: user.email, kind: "password_reset", subject: "Reset your password",
                        token: reset.token, url: reset.url,
                        related: ["user_id": .string(user.id), "password_reset_id": .string(reset.id)])
            return reset.wire
        }
        return .json(reset, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try PasswordResetRecord.find(id, in: db).wire })
    }

    /// Every failure is WorkOS's 400 `password_reset_error`, its `errors` saying why (a bad or used
    /// token, an expired one, or each way the new password breaks the policy). Success verifies the
    /// user's email too, as WorkOS documents.
    @Sendable func confirm(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let token = try body.requiredString("token")
        let newPassword = try body.requiredString("new_password")
        let password = try ResetPassword(newPassword)
        return .json(try await context.env().write { tx in
            ["user": try UserManagementAPI.resetPassword(token: token, to: password, in: tx).wire]
        })
    }
}
