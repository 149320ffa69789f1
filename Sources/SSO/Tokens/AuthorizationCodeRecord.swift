import EmulatorCore
import Foundation
import GRDB

/// A row of `sso_authorization_codes`: what a sign-in hands the redirect URI, redeemed once at
/// `/sso/token` for the profile, within ten minutes.
struct AuthorizationCodeRecord: EmulatorRecord {
    static let databaseTableName = "sso_authorization_codes"

    var code: String
    var profileId: String
    var redirectUri: String
    /// The PKCE challenge (S256) the authorization request carried, if any.
    var codeChallenge: String?
    var expiresAt: Date

    static func issue(for profile: ProfileRecord, request: AuthorizationRequestRecord, in tx: Transaction) throws -> AuthorizationCodeRecord {
        try issue(for: profile, redirectURI: request.redirectUri, codeChallenge: request.codeChallenge, in: tx)
    }

    static func issue(for profile: ProfileRecord, redirectURI: String, codeChallenge: String?,
                      in tx: Transaction) throws -> AuthorizationCodeRecord {
        let record = AuthorizationCodeRecord(
            code: ObjectID.token(32), profileId: profile.id, redirectUri: redirectURI,
            codeChallenge: codeChallenge, expiresAt: tx.now.addingTimeInterval(Lifetimes.authorizationCode))
        try record.insert(tx.db)
        return record
    }

    /// Takes the code out of circulation and answers it when it is still good: a second redemption,
    /// like an expired or unknown code, is `invalid_grant`.
    static func redeem(_ code: String, in tx: Transaction) throws -> AuthorizationCodeRecord {
        guard let record = try fetchOne(tx.db, key: code) else {
            throw APIError.oauth(error: "invalid_grant", description: "The code '\(code)' has expired or is invalid.")
        }
        try record.delete(tx.db)
        guard record.expiresAt > tx.now else {
            throw APIError.oauth(error: "invalid_grant", description: "The code '\(code)' has expired or is invalid.")
        }
        return record
    }
}
