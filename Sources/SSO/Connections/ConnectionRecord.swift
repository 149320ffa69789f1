import EmulatorCore
import Foundation
import GRDB
import Organizations

/// A row of `sso_connections`: an organization's way in through an identity provider.
struct ConnectionRecord: EmulatorRecord, ListableRecord, Equatable {
    static let databaseTableName = "sso_connections"

    /// `draft` until its identity provider is configured, `active` once it is (or an administrator
    /// reactivates it), `inactive` once deactivated. Only an active connection signs anyone in.
    enum State: String, Codable, Sendable, CaseIterable { case draft, active, inactive }

    /// Whether the test identity provider shows its page, or signs the `login_hint` user in at once.
    enum SignIn: String, Codable, Sendable, CaseIterable { case interactive, automatic }

    var id: String
    var organizationId: String?
    var connectionType: String
    var name: String
    var state: State
    var externalId: String?
    var externalKey: String
    var samlOptions: JSONObject?
    var oidcOptions: JSONObject?
    var attributeMaps: JSONObject?
    var signIn: SignIn
    /// The service provider certificates the caller did not give are still to be generated (on first use).
    var spCertificatesPending = false
    var createdAt: Date
    var updatedAt: Date

    var type: ConnectionType { ConnectionType(connectionType) ?? .testIdP }

    static func find(_ id: String, in db: Database) throws -> ConnectionRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Connection", id) }
        return record
    }

    static func all(ofOrganization organizationID: String, in db: Database) throws -> [ConnectionRecord] {
        try filter(Column("organization_id") == organizationID).order(Column("id")).fetchAll(db)
    }

    /// The connection as the API shows it. Its domains are its organization's verified domains, as
    /// WorkOS describes them ("List of Organization Domains"), so they follow the organization.
    func wire(domains: [OrganizationsAPI.Domain]) -> JSON {
        [
            "object": "connection",
            "id": .string(id),
            "organization_id": .string(organizationId),
            "connection_type": .string(connectionType),
            "name": .string(name),
            "state": .string(state.rawValue),
            // Deprecated twin of `state` that older SDKs still read.
            "status": .string(state == .active ? "linked" : "unlinked"),
            "domains": .array(domains.map { ["object": "connection_domain", "id": .string($0.id), "domain": .string($0.domain)] }),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    func wire(in db: Database) throws -> JSON {
        wire(domains: try domains(in: db))
    }

    /// The `connection.*` event payload: the API shape plus the `external_key` events carry.
    func eventData(in db: Database) throws -> JSON {
        var data = try wire(in: db)
        data.set("external_key", .string(externalKey))
        return data
    }

    func domains(in db: Database) throws -> [OrganizationsAPI.Domain] {
        guard let organizationId else { return [] }
        return try OrganizationsAPI.verifiedDomains(of: [organizationId], in: db)[organizationId] ?? []
    }
}
