/// A sign-in on its way to a session: who, by which method, into which organization, and which of
/// the environment's requirements it has already met. Stored with authorization codes, pending
/// authentication tokens and the hosted pages' requests, so a sign-in resumes where it stopped.
struct SignInAttempt: Codable, Sendable, Equatable {
    var userID: String
    var method: AuthenticationMethod
    /// The organization asked for (`organization_id` on authorize, an invitation's, a selection).
    var organizationID: String?
    /// Whether signing in to `organizationID` may add the user to it: true when the application
    /// itself named the organization on authorize (just-in-time membership).
    var joinsOrganization = false
    var emailVerified = false
    var mfaPassed = false
    /// An invitation to accept once the requirements are met (its organization then scopes the session).
    var invitationToken: String?
    /// Who is signing in as the user, when this is an impersonation.
    var impersonator: Impersonator?
    var ipAddress: String?
    var userAgent: String?
}
