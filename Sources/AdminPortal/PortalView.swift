import AuditLogs
import DirectorySync
import EmulatorCore
import Foundation
import GRDB
import Organizations
import SSO

/// What the page of a link's intent shows, read from the areas it concerns through their public APIs.
struct PortalView {
    var notice: String?
    var error: String?
    var exportURL: String?

    /// The areas' data for one intent, read in one transaction.
    private struct AreaData: Sendable {
        var organization = ""
        var connections: [SSOAPI.Connection] = []
        var directories: [DirectorySyncAPI.Directory] = []
        var domains: [OrganizationsAPI.DomainStatus] = []
        var events: [AuditLogsAPI.Event] = []
        var certificates: [SSOAPI.SAMLConnectionCertificates] = []
    }

    func render(_ session: PortalSession, base: String) async throws -> [String: Any] {
        let link = session.link
        let environmentID = session.environment.id
        let now = session.environment.clock.now()
        let intent = PortalIntent(rawValue: link.intent) ?? .sso
        let organizationID = link.organizationId
        let data = try await session.environment.read { db in
            var data = AreaData(organization: try OrganizationsAPI.summary(of: organizationID, in: db).name)
            switch intent {
            case .sso: data.connections = try SSOAPI.connections(of: organizationID, in: db)
            case .dsync: data.directories = try DirectorySyncAPI.directories(of: organizationID, environmentID: environmentID, in: db)
            case .domainVerification: data.domains = try OrganizationsAPI.domainStatuses(of: organizationID, in: db)
            case .auditLogs: data.events = try AuditLogsAPI.recentEvents(of: organizationID, limit: 50, in: db)
            case .certificateRenewal: data.certificates = try SSOAPI.samlCertificates(of: organizationID, in: db)
            case .logStreams: break
            }
            return data
        }
        var context: [String: Any] = ["organization": data.organization, "title": intent.title, "token": link.token]
        switch intent {
        case .sso:
            context["sso"] = true
            context["has_connections"] = !data.connections.isEmpty
            context["connections"] = data.connections.map { ["name": $0.name, "type": $0.type, "state": $0.state] }
            context["saml_types"] = SSOAPI.samlTypes
        case .dsync:
            context["dsync"] = true
            context["directories"] = data.directories.map {
                ["name": $0.name, "type": $0.type, "state": $0.state, "scim_url": base + $0.scimPath, "bearer_token": $0.bearerToken]
            }
        case .domainVerification:
            context["domain_verification"] = true
            context["has_domains"] = !data.domains.isEmpty
            context["domains"] = data.domains.map { ["domain": $0.domain, "state": $0.state] }
        case .auditLogs:
            context["audit_logs"] = true
            context["has_events"] = !data.events.isEmpty
            context["events"] = data.events.map {
                ["occurred_at": Timestamp.format($0.occurredAt), "action": $0.action, "actor": $0.actorName,
                 "targets": $0.targets, "location": $0.location]
            }
            context["range_start"] = Timestamp.format(now.addingTimeInterval(-30 * 86400))
            context["range_end"] = Timestamp.format(now)
        case .logStreams:
            context["not_emulated"] = "audit log streams"
        case .certificateRenewal:
            context["certificate_renewal"] = true
            context["has_saml_connections"] = !data.certificates.isEmpty
            context["saml_connections"] = data.certificates.map { item -> [String: Any] in
                let expiries = item.expiries.map { $0.map(Timestamp.format) ?? "no expiry" }
                return ["id": item.connection.id, "name": item.connection.name, "type": item.connection.type,
                        "expiries": expiries.isEmpty ? "none yet" : expiries.joined(separator: ", ")]
            }
        }
        for (key, value) in [("return_url", link.returnUrl), ("success_url", link.successUrl), ("notice", notice),
                             ("error", error), ("export_url", exportURL)] {
            if let value { context[key] = value }
        }
        return context
    }
}
