import EmulatorCore
import UserManagement

/// A requirement standing between an attempt and its session. The API answers it as WorkOS's 403
/// with a `pending_authentication_token` and the keys the SDKs read; the hosted pages show its page.
enum StepUp: Sendable {
    case emailVerification(user: UserAccount, verificationID: String)
    case mfaEnrollment(user: UserAccount)
    case mfaChallenge(user: UserAccount, factors: [AuthFactorRecord])
    case organizationSelection(user: UserAccount, organizations: [MembershipSummary])

    /// The 403 for the API, the pending token already issued.
    func error(pendingToken token: String) -> APIError {
        let pending: JSON = .string(token)
        switch self {
        case .emailVerification(let user, let verificationID):
            return APIError(.forbidden, code: "email_verification_required",
                            message: "Email ownership must be verified before authentication.",
                            extra: ["pending_authentication_token": pending, "email": .string(user.email),
                                    "email_verification_id": .string(verificationID)])
        case .mfaEnrollment(let user):
            return APIError(.forbidden, code: "mfa_enrollment",
                            message: "The user must enroll in MFA to finish authenticating.",
                            extra: ["pending_authentication_token": pending, "user": user.wire])
        case .mfaChallenge(let user, let factors):
            return APIError(.forbidden, code: "mfa_challenge",
                            message: "The user must complete an MFA challenge to finish authenticating.",
                            extra: ["pending_authentication_token": pending, "user": user.wire,
                                    "authentication_factors": .array(factors.map { ["id": .string($0.id), "type": .string($0.type)] })])
        case .organizationSelection(let user, let organizations):
            return APIError(.forbidden, code: "organization_selection_required",
                            message: "The user must choose an organization to finish their authentication.",
                            extra: ["pending_authentication_token": pending, "user": user.wire,
                                    "organizations": .array(organizations.map {
                                        ["id": .string($0.organizationID), "name": .string($0.organizationName)]
                                    })])
        }
    }
}
