import EmulatorCore
import Hummingbird

/// `authentication.<kind>_succeeded` and `…_failed`, with the spec's data: `{type, status, user_id,
/// email, ip_address, user_agent[, error]}`.
enum AuthenticationEvent {
    static func succeeded(_ kind: String, user: (id: String, email: String), attempt: SignInAttempt?,
                          in tx: Transaction) throws {
        try tx.emit("authentication.\(kind)_succeeded", [
            "type": .string(kind),
            "status": "succeeded",
            "user_id": .string(user.id),
            "email": .string(user.email),
            "ip_address": .string(attempt?.ipAddress),
            "user_agent": .string(attempt?.userAgent),
        ])
    }

    /// Records a failed attempt; the caller answers `error` after the event commits.
    static func failed(_ kind: String, userID: String?, email: String?, error: APIError, client: ClientInfo,
                       in tx: Transaction) throws {
        let code = error.body["code"]?.stringValue ?? error.body["error"]?.stringValue ?? "authentication_failed"
        let message = error.body["message"]?.stringValue ?? error.body["error_description"]?.stringValue ?? ""
        try tx.emit("authentication.\(kind)_failed", [
            "type": .string(kind),
            "status": "failed",
            "user_id": .string(userID),
            "email": .string(email),
            "ip_address": .string(client.ipAddress),
            "user_agent": .string(client.userAgent),
            "error": ["code": .string(code), "message": .string(message)],
        ])
    }
}

/// Where an authentication comes from: as the body reports it (`ip_address`, `user_agent`), or as a
/// browser on the hosted pages shows it.
struct ClientInfo: Sendable {
    var ipAddress: String?
    var userAgent: String?
}

extension ClientInfo {
    init(browser request: Request, context: EmulatorRequestContext) {
        self.init(ipAddress: context.remoteAddress?.ipAddress, userAgent: request.headers[.userAgent])
    }
}
