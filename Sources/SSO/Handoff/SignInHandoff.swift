import EmulatorCore
import Hummingbird

/// What becomes of a sign-in another area started at the test identity provider. AuthKit sends its
/// SSO sign-ins through the test identity provider and takes them back here, in the transaction of
/// the identity provider's answer, so the profile, the user it provisions, the code and their events
/// commit together. The assembly hands AuthKit's closures to the SSO area, which cannot depend on
/// AuthKit (AuthKit depends on it).
public struct SignInHandoff: Sendable {
    /// Where the browser goes next.
    public enum Answer: Sendable, Equatable {
        case redirect(String)
        /// A page of the area that took the sign-in back (a step it requires, or an error).
        case html(String, status: HTTPResponse.Status)
    }

    /// The identity provider signed `profile` in for the sign-in the other area knows as `handoff`.
    /// Answers where the browser goes and the user the profile signed in as (for the event).
    public typealias Succeeded = @Sendable (_ handoff: String, _ profile: SignedInProfile, _ client: SignInClient,
                                            _ tx: Transaction) throws -> (answer: Answer, userID: String?)
    /// The identity provider refused (`error`, `description`).
    public typealias Failed = @Sendable (_ handoff: String, _ error: String, _ description: String,
                                         _ tx: Transaction) throws -> Answer

    let succeeded: Succeeded
    let failed: Failed

    public init(succeeded: @escaping Succeeded, failed: @escaping Failed) {
        self.succeeded = succeeded
        self.failed = failed
    }
}

/// A profile the test identity provider just signed in, as the area it is handed to sees it.
public struct SignedInProfile: Sendable, Equatable {
    public let id: String
    public let connectionID: String
    public let connectionType: String
    public let organizationID: String?
    public let idpID: String
    public let email: String
    public let firstName: String?
    public let lastName: String?
    /// Role slugs the identity provider assigned, in its order.
    public let roles: [String]
}

extension SignedInProfile {
    init(_ record: ProfileRecord) {
        self.init(id: record.id, connectionID: record.connectionId, connectionType: record.connectionType,
                  organizationID: record.organizationId, idpID: record.idpId, email: record.email,
                  firstName: record.firstName, lastName: record.lastName, roles: record.roles)
    }
}

/// The browser signing in, as it showed itself (for the `authentication.sso_*` events).
public struct SignInClient: Sendable {
    public var ipAddress: String?
    public var userAgent: String?

    public init(ipAddress: String?, userAgent: String?) {
        self.ipAddress = ipAddress
        self.userAgent = userAgent
    }
}

/// `test_idp`: what the test identity provider does with a sign-in, overriding the connection's
/// `sign_in` setting.
public enum TestIdPMode: String, Sendable {
    /// Show the page.
    case page
    /// Sign the `login_hint` user in at once.
    case signIn = "sign_in"
    /// Fail at once, as an identity provider that denies access.
    case fail
}
