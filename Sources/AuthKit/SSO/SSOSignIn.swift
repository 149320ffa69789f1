import Authorization
import EmulatorCore
import Hummingbird
import Organizations
import SSO
import UserManagement

/// SSO through AuthKit: a hosted sign-in goes through an organization's connection at the test
/// identity provider and comes back here (the handoff, in the identity provider's transaction), where
/// the profile provisions the AuthKit user and their membership just in time and the sign-in carries
/// on as any other: the environment's remaining requirements, then a code for the redirect URI.
enum SSOSignIn {
    /// Sends the hosted sign-in `request` through the connection. `mode` is `test_idp`'s; nil leaves
    /// it to the connection's `sign_in` setting.
    static func begin(_ request: AuthorizationRequestRecord, connectionID: String, loginHint: String?, mode: TestIdPMode?,
                      client: ClientInfo, in tx: Transaction) throws -> HostedFlow.Next {
        let answer = try SSOAPI.beginSignIn(
            connectionID: connectionID, key: request.id, redirectURI: request.parameters.redirectURI, loginHint: loginHint,
            mode: mode, client: SignInClient(ipAddress: client.ipAddress, userAgent: client.userAgent),
            clientID: request.parameters.clientID, handoff: handoff, in: tx)
        switch answer {
        case .redirect(let location): return .redirect(location)
        case .html(let html, _): return .page(html)
        }
    }

    /// What the SSO area calls when the test identity provider answers a sign-in AuthKit started.
    static let handoff = SignInHandoff(
        succeeded: { requestID, profile, client, tx in
            let request: AuthorizationRequestRecord
            do {
                request = try AuthorizationRequestRecord.find(requestID, in: tx)
            } catch PageError.requestExpired {
                return (.html(SignInPages.expired(), status: .badRequest), nil)
            }
            do {
                let attempt = try provision(profile, for: request, client: client, in: tx)
                return (try HostedFlow.advance(request, with: attempt, in: tx).answer, attempt.userID)
            } catch let error as APIError {
                // A profile AuthKit cannot take (an email it refuses): the sign-in ends on a page.
                return (.html(SignInPages.authorizeError(HostedPagesController.describe(error)), status: .badRequest), nil)
            }
        },
        failed: { requestID, error, description, tx in
            guard let request = try? AuthorizationRequestRecord.find(requestID, in: tx) else {
                return .html(SignInPages.expired(), status: .badRequest)
            }
            try request.delete(tx.db)
            guard !request.parameters.redirectURI.isEmpty else {
                return .html(SignInPages.authorizeError(description), status: .forbidden)
            }
            return .redirect(request.parameters.redirect([("error", error), ("error_description", description)]))
        })

    /// The AuthKit user the profile signs in as, found by email or created (`user.created`), and their
    /// membership of the connection's organization, made if missing (`organization_membership.created`)
    /// with the roles the identity provider assigned that the organization has (else the default).
    /// The address is taken as verified when it is in one of the organization's verified domains.
    static func provision(_ profile: SignedInProfile, for request: AuthorizationRequestRecord, client: SignInClient,
                          in tx: Transaction) throws -> SignInAttempt {
        let domainVerified = try profile.organizationID.map { organizationID in
            try OrganizationsAPI.organizationID(verifiedDomain: domain(of: profile.email), in: tx.db) == organizationID
        } ?? false
        let account = try UserManagementAPI.findOrSignUp(email: profile.email, firstName: profile.firstName,
                                                          lastName: profile.lastName, emailVerified: domainVerified, in: tx)
        if let organizationID = profile.organizationID {
            let member = try UserManagementAPI.memberships(of: account.id, in: tx.db)
                .contains { $0.organizationID == organizationID && $0.status == "active" }
            if !member {
                let roles = try profile.roles.filter { slug in
                    try AuthorizationAPI.role(slug, in: organizationID, db: tx.db)?.resourceTypeSlug
                        == AuthorizationAPI.organizationResourceType
                }
                _ = try UserManagementAPI.joinOrganization(userID: account.id, organizationID: organizationID,
                                                           roleSlugs: roles.isEmpty ? nil : roles, in: tx)
            }
        }
        var attempt = SignInAttempt(userID: account.id, method: .sso, ipAddress: client.ipAddress, userAgent: client.userAgent)
        // The connection's organization scopes the session; a profile of no organization signs in as
        // the application asked.
        attempt.organizationID = profile.organizationID ?? request.parameters.organizationID
        attempt.joinsOrganization = profile.organizationID == nil && request.parameters.organizationID != nil
        attempt.emailVerified = domainVerified
        attempt.invitationToken = request.parameters.invitationToken
        return attempt
    }

    private static func domain(of email: String) -> String {
        String(email.split(separator: "@").last ?? "").lowercased()
    }
}

extension HostedFlow.Next {
    /// The hosted flow's next step as the SSO area hands it to the browser.
    var answer: SignInHandoff.Answer {
        switch self {
        case .page(let html): .html(html, status: .ok)
        case .redirect(let location): .redirect(location)
        }
    }
}
