/// What a portal link lets an IT admin do. `bring_your_own_key` is in WorkOS's list but the emulator
/// has no key management, so it refuses such links rather than hand out a page that does nothing.
enum PortalIntent: String, Sendable, CaseIterable {
    case sso, dsync
    case auditLogs = "audit_logs"
    case logStreams = "log_streams"
    case domainVerification = "domain_verification"
    case certificateRenewal = "certificate_renewal"

    var title: String {
        switch self {
        case .sso: "Set up single sign-on"
        case .dsync: "Set up directory sync"
        case .auditLogs: "Audit logs"
        case .logStreams: "Audit log streams"
        case .domainVerification: "Verify a domain"
        case .certificateRenewal: "Renew SAML certificates"
        }
    }
}
