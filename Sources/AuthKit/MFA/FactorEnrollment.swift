import EmulatorCore
import Foundation

/// Making factors, for the standalone MFA API, a user's enrolment through the API, and the hosted
/// enrolment page alike.
enum FactorEnrollment {
    @discardableResult
    static func totp(userID: String?, issuer: String, user: String, secret: String? = nil,
                     in tx: Transaction) throws -> AuthFactorRecord {
        let factor = AuthFactorRecord(id: tx.newID("auth_factor"), userId: userID, type: "totp", totpIssuer: issuer,
                                      totpUser: user, totpSecret: secret ?? TOTP.newSecret(), phoneNumber: nil,
                                      createdAt: tx.now, updatedAt: tx.now)
        try factor.insert(tx.db)
        return factor
    }

    static func other(_ type: String, userID: String?, phoneNumber: String?, in tx: Transaction) throws -> AuthFactorRecord {
        let factor = AuthFactorRecord(id: tx.newID("auth_factor"), userId: userID, type: type, totpIssuer: nil, totpUser: nil,
                                      totpSecret: nil, phoneNumber: phoneNumber, createdAt: tx.now, updatedAt: tx.now)
        try factor.insert(tx.db)
        return factor
    }

    /// A phone number in E.164 (`+` and 7 to 15 digits), as WorkOS requires for SMS factors.
    static func isPhoneNumber(_ text: String) -> Bool {
        text.wholeMatch(of: /\+[1-9][0-9]{6,14}/) != nil
    }
}
