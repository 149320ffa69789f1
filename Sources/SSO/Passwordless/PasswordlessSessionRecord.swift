import EmulatorCore
import Foundation
import GRDB

/// A row of `sso_passwordless_sessions`: a Magic Link for one address, through one Magic Link
/// connection. The link (`/passwordless/{token}/confirm`) works once, until `expires_at`; the token is
/// bound to its environment's client ID, since the link carries nothing else.
struct PasswordlessSessionRecord: EmulatorRecord {
    static let databaseTableName = "sso_passwordless_sessions"

    var id: String
    var connectionId: String
    var email: String
    var token: String
    var link: String
    /// Where the confirmed link sends the browser: the one asked for, else the environment's default.
    var redirectUri: String
    var state: String?
    var expiresAt: Date
    var usedAt: Date?
    var createdAt: Date

    /// What `POST /passwordless/sessions` answers, as the SDKs read it.
    var wire: JSON {
        [
            "object": "passwordless_session",
            "id": .string(id),
            "email": .string(email),
            "expires_at": .timestamp(expiresAt),
            "link": .string(link),
        ]
    }

    /// Whether the link still signs anyone in.
    func isUsable(at now: Date) -> Bool { usedAt == nil && expiresAt > now }

    static func find(_ id: String, in db: Database) throws -> PasswordlessSessionRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Passwordless Session", id) }
        return record
    }

    static func find(token: String, in db: Database) throws -> PasswordlessSessionRecord? {
        try filter(Column("token") == token).fetchOne(db)
    }
}
