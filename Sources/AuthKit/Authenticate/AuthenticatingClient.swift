import EmulatorCore

/// The client calling `/user_management/authenticate`: its environment, found by the API key when one
/// is sent or else by `client_id` (public clients using PKCE hold no key), and whether it proved it
/// holds the secret (`client_secret` in the body, or the key as bearer).
struct AuthenticatingClient: Sendable {
    let environment: Environment
    let hasSecret: Bool

    init(body: JSONBody, bearerEnvironment: Environment?, lookup: (String) -> Environment?) throws {
        let clientID = try body.string("client_id")
        let secret = try body.string("client_secret")
        guard let environment = bearerEnvironment ?? clientID.flatMap(lookup) else {
            throw clientID == nil
                ? APIError.oauth(error: "invalid_request", description: "client_id is required.")
                : APIError.oauth(error: "invalid_client", description: "Invalid client ID '\(clientID ?? "")'.")
        }
        if let clientID, clientID != environment.clientID {
            throw APIError.oauth(error: "invalid_client", description: "client_id does not match the API key's environment.")
        }
        if let secret, secret != environment.apiKey {
            throw APIError.oauth(error: "invalid_client", description: "Invalid client secret.")
        }
        self.environment = environment
        hasSecret = secret != nil || bearerEnvironment != nil
    }

    /// Grants that prove a credential directly need the secret; public clients use the authorization
    /// code with PKCE instead.
    func requireSecret() throws {
        guard hasSecret else {
            throw APIError.oauth(error: "invalid_client", description: "client_secret is required for this grant type.")
        }
    }
}
