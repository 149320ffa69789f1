import EmulatorCore
import UserManagement

/// `urn:workos:oauth:grant-type:organization-selection`: finishes a sign-in that answered
/// `organization_selection_required` with one of the organizations it listed.
enum OrganizationSelectionGrant {
    static func run(_ grant: GrantRequest) async throws -> AuthenticateOutcome {
        let token = try grant.body.requiredString("pending_authentication_token")
        let organizationID = try grant.body.requiredString("organization_id")
        return try await grant.environment.write { tx -> AuthenticateOutcome in
            var pending = try PendingAuthenticationRecord.usable(token, in: tx)
            let memberships = try UserManagementAPI.memberships(of: pending.attempt.userID, in: tx.db)
            guard memberships.contains(where: { $0.organizationID == organizationID && $0.status == "active" }) else {
                throw APIError(.badRequest, code: "invalid_organization_id",
                               message: "The user is not an active member of organization '\(organizationID)'.")
            }
            try pending.spend(in: tx)
            var attempt = pending.attempt
            attempt.organizationID = organizationID
            attempt.joinsOrganization = false
            return try SignIn.complete(attempt, issuer: grant.issuer, in: tx)
        }
    }
}
