import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// Finding the link a portal request belongs to, and whether this browser may use it. Every portal URL
/// carries the link's token (`?token=`), which names its environment; the session cookie set on first
/// opening decides the rest.
struct PortalSession: Sendable {
    let environment: EmulatorCore.Environment
    let link: PortalLinkRecord

    enum Refusal: Error {
        case page(Response)
    }

    /// The link's session for this browser. Only `GET /portal/launch` may start one (`starting`); the
    /// cookie it sets is answered in `cookie`.
    static func open(_ request: Request, context: EmulatorRequestContext, starting: Bool) async throws
        -> (session: PortalSession, newCookie: String?)
    {
        guard let environment = context.environment, let token = QueryParameters(request).string("token"),
              let link = try await environment.read({ db in try PortalLinkRecord.find(token: token, in: db) })
        else {
            throw Refusal.page(PortalPage.message(title: "Link not found",
                                                  "This Admin Portal link is not valid. Ask for a new link.", status: .notFound))
        }
        let cookie = request.cookies[PortalLinkRecord.sessionCookie]?.value
        switch link.access(cookie: cookie, at: environment.clock.now()) {
        case .open(let link):
            return (PortalSession(environment: environment, link: link), nil)
        case .start where starting:
            let session = ObjectID.token(32)
            let started = try await environment.write { tx -> PortalLinkRecord? in
                guard var current = try PortalLinkRecord.fetchOne(tx.db, key: link.id), current.session == nil else {
                    return nil
                }
                current.session = session
                try current.update(tx.db)
                return current
            }
            guard let started else { throw Refusal.page(taken) }
            return (PortalSession(environment: environment, link: started), session)
        case .start:
            throw Refusal.page(taken)
        case .expired:
            throw Refusal.page(PortalPage.message(
                title: "Link expired", "This Admin Portal link has expired: links must be opened within 5 minutes. Ask for a new link.",
                status: .gone))
        case .revoked:
            throw Refusal.page(PortalPage.message(title: "Link revoked", "This Admin Portal link has been revoked.",
                                                  status: .gone))
        case .taken:
            throw Refusal.page(taken)
        }
    }

    private static var taken: Response {
        PortalPage.message(
            title: "Link already used",
            "This Admin Portal link was opened in another browser session. Each link opens one session: ask for a new link.",
            status: .forbidden)
    }
}
