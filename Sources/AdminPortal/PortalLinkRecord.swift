import EmulatorCore
import Foundation
import GRDB

/// A row of `portal_links`. As WorkOS documents, a link must be opened within 5 minutes of its
/// creation (on the environment's clock) and opens one session only: the first browser to open it gets
/// a session cookie, and the link then works for that browser alone, until revoked.
struct PortalLinkRecord: EmulatorRecord {
    static let databaseTableName = "portal_links"
    static let lifetime: TimeInterval = 5 * 60
    static let sessionCookie = "workos_portal_session"

    var id: String
    /// A client-bound token (`ClientBoundToken`), so the portal's pages find their environment from it.
    var token: String
    var organizationId: String
    var intent: String
    var returnUrl: String?
    var successUrl: String?
    var externalUserId: String?
    /// The session the link started, once opened.
    var session: String?
    var expiresAt: Date
    var revokedAt: Date?
    var createdAt: Date
    /// The IT contact a link was mailed to, as an invitation (see `ITContactInvitation`), and what the
    /// invitation lets the contact configure.
    var itContactId: String?
    var intents: [String]?

    static func find(token: String, in db: Database) throws -> PortalLinkRecord? {
        try filter(Column("token") == token).fetchOne(db)
    }

    func url(base: String) -> String { "\(base)/portal/launch?token=\(token)" }

    /// Where the link stands for a browser holding `cookie` at `now`.
    enum Access { case open(PortalLinkRecord), start, expired, revoked, taken }

    func access(cookie: String?, at now: Date) -> Access {
        if revokedAt != nil { return .revoked }
        if let session { return session == cookie ? .open(self) : .taken }
        return now < expiresAt ? .start : .expired
    }
}
