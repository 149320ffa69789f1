import EmulatorCore
import UserManagement

/// Moves a hosted sign-in forward: once the user has proved who they are, each requirement the
/// environment has (email verification, MFA, organization selection) is a page, and when none is
/// left the browser goes back to the application with a code.
enum HostedFlow {
    enum Next: Sendable {
        case page(String)
        case redirect(String)
    }

    static func advance(_ request: AuthorizationRequestRecord, with attempt: SignInAttempt, in tx: Transaction) throws -> Next {
        var request = request
        switch try SignIn.decide(attempt, in: tx) {
        case .stepUp(let stepUp):
            request.attempt = attempt
            try request.update(tx.db)
            return .page(StepUpPages.page(for: stepUp, request: request))
        case .ssoRequired(let email, let connectionIDs):
            // The address belongs to an organization that signs its users in through SSO: there,
            // whatever way in the user tried.
            return try SSOSignIn.begin(request, connectionID: connectionIDs[0], loginHint: email, mode: nil,
                                       client: ClientInfo(ipAddress: attempt.ipAddress, userAgent: attempt.userAgent), in: tx)
        case .ready(let attempt, _):
            try request.delete(tx.db)
            if let deviceCode = request.parameters.deviceCode {
                return .page(try DevicePages.approve(deviceCode, with: attempt, in: tx))
            }
            if request.parameters.redirectURI.isEmpty {
                // An invitation link with no application to return to: deciding has accepted it.
                return .page(LinkPages.done("Invitation accepted", "You have joined. You can close this page."))
            }
            let code = try AuthorizationCodeRecord.issue(attempt, for: request.parameters, in: tx)
            return .redirect(request.parameters.redirect([("code", code.code)]))
        }
    }

    /// The attempt a hosted page starts for a user who just proved who they are: into the organization
    /// the application asked for, if any.
    static func attempt(_ userID: String, _ method: AuthenticationMethod, for request: AuthorizationRequestRecord,
                        from client: ClientInfo, emailVerified: Bool = false) -> SignInAttempt {
        var attempt = SignInAttempt(userID: userID, method: method, ipAddress: client.ipAddress, userAgent: client.userAgent)
        attempt.organizationID = request.parameters.organizationID
        attempt.joinsOrganization = request.parameters.organizationID != nil
        attempt.emailVerified = emailVerified
        attempt.invitationToken = request.parameters.invitationToken
        return attempt
    }
}
