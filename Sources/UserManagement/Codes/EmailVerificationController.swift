import EmulatorCore
import Hummingbird

/// Email verification: send a code to a user's address (captured in the outbox), confirm it, read it.
public struct EmailVerificationController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("user_management/email_verification/:id", use: get)
        api.post("user_management/users/:id/email_verification/send", use: send)
        api.post("user_management/users/:id/email_verification/confirm", use: confirm)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try EmailVerificationRecord.find(id, in: db).wire })
    }

    @Sendable func send(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().write { tx in
            let user = try UserRecord.find(id, in: tx.db)
            guard !user.emailVerified else {
                throw APIError(.badRequest, code: "email_already_verified", message: "The user's email is already verified.")
            }
            let verification = EmailVerificationRecord(user: user, in: tx)
            try verification.insert(tx.db)
            try tx.emit("email_verification.created", verification.eventWire)
            try tx.send(to: user.email, kind: "email_verification",
                        subject: "Your email verification code is \(verification.code)", code: verification.code,
                        related: ["user_id": .string(user.id), "email_verification_id": .string(verification.id)])
            return ["user": user.wire]
        })
    }

    /// The code must be the newest one sent with that value, unused and unexpired; the user's email
    /// becomes verified.
    @Sendable func confirm(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let code = try await JSONBody.read(request).requiredString("code")
        return .json(try await context.env().write { tx in
            var user = try UserRecord.find(id, in: tx.db)
            guard !user.emailVerified else {
                throw APIError(.badRequest, code: "email_previously_verified", message: "The user's email is already verified.")
            }
            guard var verification = try EmailVerificationRecord.latest(of: id, code: code, in: tx.db) else {
                throw APIError(.badRequest, code: "email_verification_code_incorrect", message: "The code is incorrect.")
            }
            guard verification.consumedAt == nil else {
                throw APIError(.badRequest, code: "email_verification_code_previously_used",
                               message: "The code has already been used.")
            }
            guard tx.now < verification.expiresAt else {
                throw APIError(.badRequest, code: "email_verification_code_expired", message: "The code has expired.")
            }
            verification.consumedAt = tx.now
            try verification.update(tx.db)
            let before = user
            user.emailVerified = true
            try user.save(changedFrom: before, in: tx)
            return ["user": user.wire]
        })
    }
}
