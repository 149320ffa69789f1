import EmulatorCore
import Foundation
import GRDB

/// The outcome of redeeming a mailed code at sign-in; each failure has WorkOS's coded 400.
public enum OneTimeCodeCheck: Sendable {
    case valid(UserAccount)
    case invalid
    case expired
    case used

    /// `invalid_one_time_code`, `one_time_code_expired`, `one_time_code_previously_used`.
    public var error: APIError? {
        switch self {
        case .valid: nil
        case .invalid: APIError(.badRequest, code: "invalid_one_time_code", message: "The code is invalid.")
        case .expired: APIError(.badRequest, code: "one_time_code_expired", message: "The code has expired.")
        case .used: APIError(.badRequest, code: "one_time_code_previously_used", message: "The code has already been used.")
        }
    }
}

extension UserManagementAPI {
    /// Mails a magic auth code (captured in the outbox), signing the address up if it has no user, as
    /// `POST /user_management/magic_auth` does.
    public static func sendMagicAuthCode(email: String, in tx: Transaction) throws {
        let email = try UserFields.email(email)
        let user = try UserRecord.find(email: email, in: tx.db) ?? UserRecord.signUp(email: email, in: tx)
        let magicAuth = MagicAuthRecord(user: user, invitationToken: nil, in: tx)
        try magicAuth.insert(tx.db)
        try tx.emit("magic_auth.created", magicAuth.eventWire)
        try tx.send(to: email, kind: "magic_auth", subject: "Your sign-in code is \(magicAuth.code)", code: magicAuth.code,
                    related: ["user_id": .string(user.id), "magic_auth_id": .string(magicAuth.id)])
    }

    /// Redeems the newest magic auth code of the address with this value: single use, unexpired on the
    /// environment clock. A redeemed code proves the address, so the user becomes verified.
    public static func redeemMagicAuthCode(email: String, code: String, in tx: Transaction) throws -> OneTimeCodeCheck {
        guard let email = EmailAddress.normalize(email),
              var magicAuth = try MagicAuthRecord.filter(Column("email") == email && Column("code") == code)
                .order(Column("id").desc).fetchOne(tx.db)
        else { return .invalid }
        guard magicAuth.consumedAt == nil else { return .used }
        guard tx.now < magicAuth.expiresAt else { return .expired }
        magicAuth.consumedAt = tx.now
        magicAuth.updatedAt = tx.now
        try magicAuth.update(tx.db)
        return .valid(try markVerified(magicAuth.userId, in: tx))
    }

    /// Mails an email verification code to the user; answers the verification's ID (the 403
    /// `email_verification_required` names it).
    public static func sendEmailVerification(userID: String, in tx: Transaction) throws -> String {
        let user = try UserRecord.find(userID, in: tx.db)
        let verification = EmailVerificationRecord(user: user, in: tx)
        try verification.insert(tx.db)
        try tx.emit("email_verification.created", verification.eventWire)
        try tx.send(to: user.email, kind: "email_verification",
                    subject: "Your email verification code is \(verification.code)", code: verification.code,
                    related: ["user_id": .string(user.id), "email_verification_id": .string(verification.id)])
        return verification.id
    }

    /// Redeems an email verification code of the user; the user becomes verified (`user.updated`).
    public static func redeemEmailVerificationCode(userID: String, code: String, in tx: Transaction) throws -> OneTimeCodeCheck {
        guard var verification = try EmailVerificationRecord.latest(of: userID, code: code, in: tx.db) else { return .invalid }
        guard verification.consumedAt == nil else { return .used }
        guard tx.now < verification.expiresAt else { return .expired }
        verification.consumedAt = tx.now
        try verification.update(tx.db)
        return .valid(try markVerified(userID, in: tx))
    }

    private static func markVerified(_ userID: String, in tx: Transaction) throws -> UserAccount {
        var user = try UserRecord.find(userID, in: tx.db)
        let before = user
        user.emailVerified = true
        try user.save(changedFrom: before, in: tx)
        return UserAccount(user)
    }
}
