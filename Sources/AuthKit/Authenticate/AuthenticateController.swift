import EmulatorCore
import GRDB
import Hummingbird

/// `POST /user_management/authenticate`: every grant type, each in its own file under `Grants/`.
/// Public: a PKCE client authenticates with its client ID alone. Failures keep WorkOS's shapes: OAuth
/// `{error, error_description}` for codes and tokens, coded `{code, message}` for credentials and
/// one-time codes, and the 403 step-ups with a `pending_authentication_token`.
public struct AuthenticateController: Sendable {
    let environment: @Sendable (_ clientID: String) -> Environment?
    /// The slugs of the feature flags on for a user in an organization, for the `feature_flags` claim;
    /// the Feature Flags area answers them, handed over at assembly.
    let featureFlags: @Sendable (_ userID: String, _ organizationID: String?, _ db: Database) throws -> [String]

    public init(environment: @escaping @Sendable (_ clientID: String) -> EmulatorCore.Environment?,
                featureFlags: @escaping @Sendable (_ userID: String, _ organizationID: String?, _ db: Database) throws -> [String]) {
        self.environment = environment
        self.featureFlags = featureFlags
    }

    public func addRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.post("user_management/authenticate", use: authenticate)
    }

    @Sendable func authenticate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        // JSON, as the SDKs send; OAuth clients may post a form, which WorkOS accepts too.
        let isForm = request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true
        let body = isForm ? try await FormBody.read(request).jsonBody : try await JSONBody.read(request)
        guard let grantType = try body.string("grant_type") else {
            throw APIError.oauth(error: "invalid_request", description: "grant_type is required.")
        }
        let client = try AuthenticatingClient(body: body, bearerEnvironment: context.environmentFromAPIKey ? context.environment : nil, lookup: environment)
        let grant = GrantRequest(body: body, client: client, issuer: request.emulatorBaseURL,
                                 info: ClientInfo(ipAddress: try body.string("ip_address"),
                                                  userAgent: try body.string("user_agent")))
        let outcome: AuthenticateOutcome
        switch grantType {
        case "authorization_code": outcome = try await CodeGrant.run(grant)
        case "password": outcome = try await PasswordGrant.run(grant)
        case "refresh_token": outcome = try await RefreshGrant.run(grant)
        case "urn:workos:oauth:grant-type:magic-auth:code": outcome = try await MagicAuthGrant.run(grant)
        case "urn:workos:oauth:grant-type:email-verification:code": outcome = try await EmailVerificationGrant.run(grant)
        case "urn:workos:oauth:grant-type:mfa-totp": outcome = try await TOTPGrant.run(grant)
        case "urn:workos:oauth:grant-type:organization-selection": outcome = try await OrganizationSelectionGrant.run(grant)
        case "urn:ietf:params:oauth:grant-type:device_code": outcome = try await DeviceCodeGrant.run(grant)
        default:
            throw APIError.oauth(error: "unsupported_grant_type", description: "grant_type '\(grantType)' is not supported.")
        }
        switch outcome {
        case .success(let tokens):
            // The claim exists only in an organization: outside one there is nothing to read.
            let flags = tokens.organizationID == nil ? [] : try await grant.environment.read { [featureFlags] db in
                try featureFlags(tokens.userID, tokens.organizationID, db)
            }
            return .json(try tokens.response(featureFlags: flags))
        case .failure(let error): throw error
        }
    }
}

/// One authenticate request, as every grant reads it.
struct GrantRequest: Sendable {
    let body: JSONBody
    let client: AuthenticatingClient
    /// The access token's `iss`: the emulator's base URL as the caller reached it, as WorkOS's is its API's.
    let issuer: String
    let info: ClientInfo

    var environment: Environment { client.environment }

    /// A new attempt for the user, stamped with where the request came from and carrying the
    /// `invitation_token` the grant may take.
    func attempt(_ userID: String, _ method: AuthenticationMethod) throws -> SignInAttempt {
        var attempt = SignInAttempt(userID: userID, method: method, ipAddress: info.ipAddress, userAgent: info.userAgent)
        attempt.invitationToken = try body.string("invitation_token")
        return attempt
    }
}
