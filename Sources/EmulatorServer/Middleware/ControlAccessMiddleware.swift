import EmulatorCore
import Hummingbird
import NIOCore

/// The control API can erase and rewrite any environment, so it answers loopback peers only, or,
/// when the emulator was given a control token, only requests that carry it.
struct ControlAccessMiddleware: RouterMiddleware {
    let token: String?

    func handle(_ request: Request, context: EmulatorRequestContext,
                next: (Request, EmulatorRequestContext) async throws -> Response) async throws -> Response {
        if let token {
            guard request.headers[.controlToken] == token else {
                throw APIError(.unauthorized, code: "control_token_required",
                               message: "The control API needs the X-Emulator-Control-Token header set to the emulator's --control-token.")
            }
        } else if let peer = context.remoteAddress, !Self.isLoopback(peer) {
            throw APIError(.forbidden, code: "control_api_loopback_only",
                           message: "The control API answers loopback clients only; start the emulator with --control-token to open it.")
        }
        return try await next(request, context)
    }

    static func isLoopback(_ address: SocketAddress) -> Bool {
        guard let ip = address.ipAddress else { return true }  // a Unix socket is local
        return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
    }
}
