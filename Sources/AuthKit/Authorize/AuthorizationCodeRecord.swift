import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_codes`: what `/user_management/authorize` redirects with, for the client
/// and redirect URI it was issued to, holding the sign-in it stands for.
struct AuthorizationCodeRecord: EmulatorRecord {
    static let databaseTableName = "authorization_codes"
    /// WorkOS: "Codes expire in 10 minutes".
    static let lifetime: TimeInterval = 10 * 60

    var code: String
    var clientId: String
    var redirectUri: String
    var codeChallenge: String?
    var attempt: SignInAttempt
    var expiresAt: Date
    var usedAt: Date?
    var createdAt: Date

    static func issue(_ attempt: SignInAttempt, for parameters: AuthorizationParameters,
                      in tx: Transaction) throws -> AuthorizationCodeRecord {
        try issue(attempt, clientID: parameters.clientID, redirectURI: parameters.redirectURI,
                  codeChallenge: parameters.codeChallenge, in: tx)
    }

    static func issue(_ attempt: SignInAttempt, clientID: String, redirectURI: String, codeChallenge: String?,
                      in tx: Transaction) throws -> AuthorizationCodeRecord {
        let record = AuthorizationCodeRecord(
            code: ObjectID.token(32), clientId: clientID, redirectUri: redirectURI, codeChallenge: codeChallenge,
            attempt: attempt, expiresAt: tx.now.addingTimeInterval(lifetime), usedAt: nil, createdAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    static func find(_ code: String, in db: Database) throws -> AuthorizationCodeRecord? {
        try fetchOne(db, key: code)
    }
}
