/// A connection's `connection_type`, from the spec's list, and the protocol family behind it: what
/// decides which options it takes and whether the API may create it.
struct ConnectionType: Sendable, Hashable {
    enum Family: Sendable { case saml, oidc, oauth, testIdP, other }

    let name: String

    init?(_ name: String) {
        guard Self.known.contains(name) else { return nil }
        self.name = name
    }

    static let testIdP = ConnectionType(unchecked: "TestIdp")
    static let genericSAML = ConnectionType(unchecked: "GenericSAML")
    static let genericOIDC = ConnectionType(unchecked: "GenericOIDC")
    static let magicLink = ConnectionType(unchecked: "MagicLink")

    private init(unchecked name: String) { self.name = name }

    var family: Family {
        if name == "TestIdp" { return .testIdP }
        if name.hasSuffix("SAML") { return .saml }
        if name.hasSuffix("OIDC") || name.hasSuffix("Oidc") { return .oidc }
        if name.hasSuffix("OAuth") { return .oauth }
        return .other
    }

    /// The OAuth providers `/sso/authorize` accepts as `provider` (the spec's list).
    static let providers: Set<String> = [
        "AppleOAuth", "BitbucketOAuth", "GitHubOAuth", "GitLabOAuth", "GoogleOAuth", "IntuitOAuth",
        "LinkedInOAuth", "MicrosoftOAuth", "SalesforceOAuth", "SlackOAuth", "VercelMarketplaceOAuth",
        "VercelOAuth", "XeroOAuth",
    ]

    /// Every `connection_type` of the spec except `Pending` (a connection whose type is not chosen yet,
    /// which only the dashboard makes).
    static let known: [String] = [
        "ADFSSAML", "AdpOidc", "AppleOAuth", "Auth0Migration", "Auth0SAML", "AzureSAML", "BitbucketOAuth",
        "CasSAML", "ClassLinkSAML", "CleverOIDC", "CloudflareSAML", "CyberArkSAML", "DiscordOAuth", "DuoSAML",
        "EntraIdOIDC", "GenericOIDC", "GenericSAML", "GitHubOAuth", "GitLabOAuth", "GoogleOAuth", "GoogleOIDC",
        "GoogleSAML", "GrokOAuth", "XOAuth", "IntuitOAuth", "JumpCloudSAML", "KeycloakSAML", "LastPassSAML",
        "LinkedInOAuth", "LoginGovOidc", "MagicLink", "MicrosoftOAuth", "MiniOrangeSAML", "NetIqSAML",
        "OktaOIDC", "OktaSAML", "OneLoginSAML", "OracleSAML", "PingFederateSAML", "PingOneSAML",
        "RipplingSAML", "SalesforceSAML", "ShibbolethGenericSAML", "ShibbolethSAML", "SimpleSamlPhpSAML",
        "SalesforceOAuth", "SlackOAuth", "TestIdp", "VercelMarketplaceOAuth", "VercelOAuth", "VMwareSAML",
        "XeroOAuth",
    ]
}
