import EmulatorCore
import Hummingbird
import UserManagement

/// The standalone MFA API: `POST /auth/factors/enroll`, `GET`/`DELETE /auth/factors/{id}`,
/// `POST /auth/factors/{id}/challenge` and `POST /auth/challenges/{id}/verify`. Validation failures
/// are the spec's 422 `{message}`.
public struct FactorsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.post("auth/factors/enroll", use: enroll)
        api.get("auth/factors/:id", use: get)
        api.delete("auth/factors/:id", use: delete)
        api.post("auth/factors/:id/challenge", use: challenge)
        api.post("auth/challenges/:id/verify", use: verify)
    }

    @Sendable func enroll(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let type = try body.requiredString("type")
        guard AuthFactorRecord.types.contains(type) else {
            throw APIError(.unprocessableContent, message: "type must be one of totp, sms, generic_otp.")
        }
        let userID = try body.string("user_id")
        let phoneNumber = try body.string("phone_number")
        let issuer = try body.string("totp_issuer")
        let totpUser = try body.string("totp_user")
        if type == "sms" {
            guard let phoneNumber, FactorEnrollment.isPhoneNumber(phoneNumber) else {
                throw APIError(.unprocessableContent, message: "phone_number must be a phone number in E.164 format.")
            }
        }
        if type == "totp" && (issuer == nil || totpUser == nil) {
            throw APIError(.unprocessableContent, message: "totp_issuer and totp_user are required for totp factors.")
        }
        let factor = try await context.env().write { tx in
            if let userID { _ = try UserManagementAPI.account(userID, in: tx.db) }
            return type == "totp"
                ? try FactorEnrollment.totp(userID: userID, issuer: issuer!, user: totpUser!, in: tx)
                : try FactorEnrollment.other(type, userID: userID, phoneNumber: phoneNumber, in: tx)
        }
        return .json(factor.enrolledWire, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try AuthFactorRecord.find(id, in: db).wire })
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        _ = try await context.env().write { tx in try AuthFactorRecord.find(id, in: tx.db).delete(tx.db) }
        return .noContent
    }

    @Sendable func challenge(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let template = try await JSONBody.read(request).string("sms_template")
        if let template, !template.contains("{{code}}") {
            throw APIError(.unprocessableContent, message: "sms_template must contain the {{code}} placeholder.")
        }
        return .json(try await context.env().write { tx in
            let factor = try AuthFactorRecord.find(id, in: tx.db)
            return try AuthChallengeRecord.issue(for: factor, smsTemplate: template, in: tx).wire(factor: factor)
        }, status: .created)
    }

    /// `{challenge, valid}`: a wrong code is `valid: false`, not an error; an expired or already
    /// verified challenge is a coded 422.
    @Sendable func verify(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let code = try await JSONBody.read(request).requiredString("code")
        return .json(try await context.env().write { tx in
            var challenge = try AuthChallengeRecord.find(id, in: tx.db)
            let factor = try AuthFactorRecord.find(challenge.authenticationFactorId, in: tx.db)
            guard challenge.verifiedAt == nil else {
                throw APIError(.unprocessableContent, code: "authentication_challenge_previously_verified",
                               message: "The authentication challenge has already been verified.")
            }
            guard tx.now < challenge.expiresAt else {
                throw APIError(.unprocessableContent, code: "authentication_challenge_expired",
                               message: "The authentication challenge has expired.")
            }
            let valid = challenge.accepts(code, factor: factor, at: tx.now)
            if valid {
                challenge.verifiedAt = tx.now
                challenge.updatedAt = tx.now
                try challenge.update(tx.db)
            }
            return ["challenge": challenge.wire(factor: factor), "valid": .bool(valid)]
        }, status: .created)
    }
}
