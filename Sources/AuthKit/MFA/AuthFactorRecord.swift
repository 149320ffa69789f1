import EmulatorCore
import Foundation
import GRDB

/// A row of `auth_factors`: a second factor, `totp` (a shared secret), `sms` (a phone number) or
/// `generic_otp` (codes the application delivers itself). A factor with a user takes part in that
/// user's sign-ins; one enrolled without a user serves the standalone MFA API only.
struct AuthFactorRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "auth_factors"
    static let types = ["totp", "sms", "generic_otp"]

    var id: String
    var userId: String?
    var type: String
    var totpIssuer: String?
    var totpUser: String?
    var totpSecret: String?
    var phoneNumber: String?
    var createdAt: Date
    var updatedAt: Date

    /// As `GET` answers it: no secret.
    var wire: JSON {
        var object: JSONObject = ["object": "authentication_factor", "id": .string(id)]
        if let userId { object["user_id"] = .string(userId) }
        object["type"] = .string(type)
        if type == "totp" { object["totp"] = ["issuer": .string(totpIssuer), "user": .string(totpUser)] }
        if type == "sms" { object["sms"] = ["phone_number": .string(phoneNumber)] }
        object["created_at"] = .timestamp(createdAt)
        object["updated_at"] = .timestamp(updatedAt)
        return .object(object)
    }

    /// As enrolment answers it, once: the TOTP secret, its `otpauth://` URI and its QR code.
    var enrolledWire: JSON {
        guard type == "totp", let totpSecret, var object = wire.objectValue else { return wire }
        let uri = TOTP.uri(secret: totpSecret, issuer: totpIssuer ?? "", user: totpUser ?? "")
        object["totp"] = [
            "issuer": .string(totpIssuer), "user": .string(totpUser), "secret": .string(totpSecret),
            "qr_code": .string(QRCodeImage.dataURI(for: uri)), "uri": .string(uri),
        ]
        return .object(object)
    }

    static func find(_ id: String, in db: Database) throws -> AuthFactorRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Authentication Factor", id) }
        return record
    }

    /// The user's TOTP factors, which a sign-in must clear (`mfa_challenge`).
    static func totpFactors(of userID: String, in db: Database) throws -> [AuthFactorRecord] {
        try filter(Column("user_id") == userID && Column("type") == "totp").order(Column("id")).fetchAll(db)
    }
}
