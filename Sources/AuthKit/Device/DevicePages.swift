import EmulatorCore
import Hummingbird

/// The device page of the CLI Auth flow (`verification_uri`): the user types the code the device
/// shows, signs in through the usual hosted pages, and the device's next poll gets the session. A user
/// code names no client, so the environments are searched for it.
public struct DevicePagesController: Sendable {
    let environments: @Sendable () -> [Environment]

    public init(environments: @escaping @Sendable () -> [EmulatorCore.Environment]) {
        self.environments = environments
    }

    public func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.get("authkit/device", use: page)
        browser.post("authkit/device", use: enter)
    }

    @Sendable func page(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        .html(DevicePages.enterCode(QueryParameters(request).string("user_code")))
    }

    /// A known, unexpired code opens a sign-in that ends by approving the device.
    @Sendable func enter(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let userCode = try await FormBody.read(request)["user_code"] ?? ""
        for environment in environments()
        where try await environment.read({ db in try DeviceAuthorizationRecord.find(userCode: userCode, in: db) != nil }) {
            let location = try await environment.write { tx -> String? in
                guard let device = try DeviceAuthorizationRecord.find(userCode: userCode, in: tx.db),
                      tx.now < device.expiresAt, device.attempt == nil else { return nil }
                let parameters = AuthorizationParameters(approvingDevice: device.deviceCode, clientID: device.clientId)
                let pending = try AuthorizationRequestRecord.open(parameters, in: tx)
                return "/authkit/sign-in?request=\(pending.id)"
            }
            if let location { return .redirect(to: location) }
        }
        return .html(DevicePages.enterCode(userCode, error: "That code is not valid or has expired."), status: .badRequest)
    }
}

enum DevicePages {
    static func enterCode(_ userCode: String?, error: String? = nil) -> String {
        HTML.page(title: "Connect a device", error: error, """
        <form method="post" action="/authkit/device">
        \(HTML.field("user_code", label: "Code shown on your device", value: userCode, autocomplete: "off"))
        <button type="submit">Continue</button>
        </form>
        """)
    }

    /// Approves the device with the finished sign-in; its next poll gets the session.
    static func approve(_ deviceCode: String, with attempt: SignInAttempt, in tx: Transaction) throws -> String {
        guard var device = try DeviceAuthorizationRecord.find(deviceCode: deviceCode, in: tx.db), tx.now < device.expiresAt else {
            return HTML.page(title: "Device code expired", error: "The device's code expired before you finished.",
                             "<p>Start again on your device.</p>")
        }
        device.attempt = attempt
        try device.update(tx.db)
        return HTML.page(title: "Device connected", "<p>You are signed in on your device. You can close this page.</p>")
    }
}
