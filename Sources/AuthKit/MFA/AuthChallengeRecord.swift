import EmulatorCore
import Foundation
import GRDB

/// A row of `auth_challenges`: one request for a factor's code. TOTP codes come from the shared
/// secret; SMS codes are sent (to the outbox) and generic OTP codes are answered to the application.
/// A challenge verifies once and lives ten minutes on the environment clock.
struct AuthChallengeRecord: EmulatorRecord {
    static let databaseTableName = "auth_challenges"
    static let lifetime: TimeInterval = 10 * 60

    var id: String
    var authenticationFactorId: String
    var code: String?
    var expiresAt: Date
    var verifiedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    /// `code` only for generic OTP, whose codes the application delivers.
    func wire(factor: AuthFactorRecord) -> JSON {
        var object: JSONObject = [
            "object": "authentication_challenge",
            "id": .string(id),
            "authentication_factor_id": .string(authenticationFactorId),
            "expires_at": .timestamp(expiresAt),
        ]
        if factor.type == "generic_otp" { object["code"] = .string(code) }
        object["created_at"] = .timestamp(createdAt)
        object["updated_at"] = .timestamp(updatedAt)
        return .object(object)
    }

    /// A challenge for the factor; an SMS factor's code goes to the outbox.
    static func issue(for factor: AuthFactorRecord, smsTemplate: String? = nil, in tx: Transaction) throws -> AuthChallengeRecord {
        let code: String? = factor.type == "totp" ? nil : OneTimeDigits.make()
        let challenge = AuthChallengeRecord(
            id: tx.newID("auth_challenge"), authenticationFactorId: factor.id, code: code,
            expiresAt: tx.now.addingTimeInterval(lifetime), verifiedAt: nil, createdAt: tx.now, updatedAt: tx.now)
        try challenge.insert(tx.db)
        if factor.type == "sms", let code, let phoneNumber = factor.phoneNumber {
            let text = (smsTemplate ?? "Your verification code is {{code}}").replacingOccurrences(of: "{{code}}", with: code)
            try tx.send(to: phoneNumber, channel: .sms, kind: "mfa_challenge", subject: text, code: code,
                        related: ["authentication_factor_id": .string(factor.id), "authentication_challenge_id": .string(challenge.id)])
        }
        return challenge
    }

    static func find(_ id: String, in db: Database) throws -> AuthChallengeRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Authentication Challenge", id) }
        return record
    }

    /// Whether the code answers the challenge at `now` (TOTP: the factor's secret, one step either side).
    func accepts(_ candidate: String, factor: AuthFactorRecord, at now: Date) -> Bool {
        if factor.type == "totp", let secret = factor.totpSecret { return TOTP.verify(candidate, secret: secret, at: now) }
        return code == candidate
    }
}

/// Six random digits, as SMS and generic OTP challenges carry.
enum OneTimeDigits {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let text = String(Int.random(in: 0..<1_000_000, using: &generator))
        return String(repeating: "0", count: 6 - text.count) + text
    }
}
