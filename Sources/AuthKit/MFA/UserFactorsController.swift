import EmulatorCore
import GRDB
import Hummingbird
import UserManagement

/// `/user_management/users/{id}/auth_factors`: a user's TOTP factors, which every sign-in of the user
/// must then clear. Enrolling answers the factor (with its secret, once) and a first challenge, for
/// the `mfa-totp` grant that finishes an `mfa_enrollment`.
public struct UserFactorsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("user_management/users/:id/auth_factors", use: list)
        api.post("user_management/users/:id/auth_factors", use: enroll)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let userID = try context.parameter("id")
        let list = try ListQuery(QueryParameters(request))
        let page = try await context.env().read { db in
            _ = try UserManagementAPI.account(userID, in: db)
            return try AuthFactorRecord.filter(Column("user_id") == userID).page(list, in: db)
        }
        return .json(page.wire(\.wire))
    }

    @Sendable func enroll(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let userID = try context.parameter("id")
        let body = try await JSONBody.read(request)
        guard try body.requiredString("type") == "totp" else {
            throw APIError(.unprocessableContent, message: "type must be totp.")
        }
        let secret = try body.string("totp_secret")
        if let secret, !TOTP.isValidSecret(secret) {
            throw APIError(.unprocessableContent, message: "totp_secret must be a base32 secret of at least 80 bits.")
        }
        let issuer = try body.string("totp_issuer")
        let totpUser = try body.string("totp_user")
        return .json(try await context.env().write { tx in
            let user = try UserManagementAPI.account(userID, in: tx.db)
            let factor = try FactorEnrollment.totp(userID: user.id, issuer: issuer ?? "WorkOS", user: totpUser ?? user.email,
                                                   secret: secret?.uppercased().replacingOccurrences(of: " ", with: ""), in: tx)
            let challenge = try AuthChallengeRecord.issue(for: factor, in: tx)
            return ["authentication_factor": factor.enrolledWire, "authentication_challenge": challenge.wire(factor: factor)]
        }, status: .created)
    }
}
