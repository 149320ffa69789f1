import EmulatorCore
import Foundation
import GRDB

/// A row of `authorization_requests`: an authorize call waiting on the hosted pages. Its ID travels in
/// each form (`request`); once the user has proved who they are, `attempt` carries the sign-in through
/// the steps the environment requires. Thirty minutes on the environment clock.
struct AuthorizationRequestRecord: EmulatorRecord {
    static let databaseTableName = "authorization_requests"
    static let lifetime: TimeInterval = 30 * 60

    var id: String
    var parameters: AuthorizationParameters
    var attempt: SignInAttempt?
    var expiresAt: Date
    var createdAt: Date

    /// The ID starts with the client ID (`client_….<token>`), so a form post finds its environment.
    static func open(_ parameters: AuthorizationParameters, in tx: Transaction) throws -> AuthorizationRequestRecord {
        let record = AuthorizationRequestRecord(id: parameters.clientID + "." + ObjectID.token(32), parameters: parameters, attempt: nil,
                                                expiresAt: tx.now.addingTimeInterval(lifetime), createdAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    static func clientID(of requestID: String) -> String {
        String(requestID.prefix { $0 != "." })
    }

    /// The request, unless unknown or expired (the page then says to start again).
    static func find(_ id: String?, in tx: Transaction) throws -> AuthorizationRequestRecord {
        guard let id, let record = try fetchOne(tx.db, key: id), tx.now < record.expiresAt else { throw PageError.requestExpired }
        return record
    }
}

/// A hosted page that cannot go on.
enum PageError: Error {
    /// The request is unknown or too old: the user must start from the application again.
    case requestExpired
}
