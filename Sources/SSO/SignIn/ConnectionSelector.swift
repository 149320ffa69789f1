import EmulatorCore
import GRDB
import Organizations

/// An error `/sso/authorize` sends back to a good redirect URI, with the codes WorkOS documents.
struct AuthorizeError: Error, Sendable {
    let code: String
    let description: String
}

/// Finds the connection an authorization request names. WorkOS takes exactly one selector:
/// `connection`, `organization`, `provider`, or the deprecated `domain`. When none is given, the
/// emulator also routes by `domain_hint`, then by the domain of `login_hint`, to the connection of the
/// organization that verified that domain, so a test can start a sign-in from an email address alone.
struct ConnectionSelector: Sendable {
    var connection: String?
    var organization: String?
    var provider: String?
    var domain: String?
    var domainHint: String?
    var loginHint: String?

    func resolve(in db: Database) throws -> Result<ConnectionRecord, AuthorizeError> {
        let given = [("connection", connection), ("organization", organization), ("provider", provider), ("domain", domain)]
            .filter { $0.1 != nil }.map(\.0)
        guard given.count <= 1 else {
            return .failure(AuthorizeError(code: "invalid_connection_selector",
                                           description: "Connection selectors are mutually exclusive; got \(given.joined(separator: " and "))."))
        }
        if let connection {
            guard let record = try ConnectionRecord.fetchOne(db, key: connection) else {
                return .failure(AuthorizeError(code: "connection_invalid", description: "There is no connection for the provided ID."))
            }
            return usable(record)
        }
        if let organization {
            guard try OrganizationsAPI.summaryIfExists(of: organization, in: db) != nil else {
                return .failure(AuthorizeError(code: "organization_invalid", description: "There is no organization matching the provided ID."))
            }
            return try connection(ofOrganization: organization, in: db)
        }
        if let provider { return try connection(forProvider: provider, in: db) }
        if let domain {
            return try connection(forDomain: domain, in: db) ?? .failure(AuthorizeError(
                code: "connection_domain_invalid", description: "There is no connection for the provided domain."))
        }
        let hinted = domainHint ?? loginHint.flatMap { $0.split(separator: "@").count == 2 ? String($0.split(separator: "@")[1]) : nil }
        if let hinted, let found = try connection(forDomain: hinted, in: db) { return found }
        return .failure(AuthorizeError(
            code: "invalid_connection_selector",
            description: "A valid connection selector query parameter must be provided: connection, organization or provider."
                + (hinted.map { " No organization has verified the domain '\($0)' to route by." } ?? "")))
    }

    /// The organization's one active connection. An organization whose connections are all switched
    /// off says so, rather than claiming it has none.
    private func connection(ofOrganization organizationID: String, in db: Database) throws -> Result<ConnectionRecord, AuthorizeError> {
        let connections = try ConnectionRecord.all(ofOrganization: organizationID, in: db)
        let active = connections.filter { $0.state == .active }
        switch active.count {
        case 1: return .success(active[0])
        case 0 where connections.isEmpty:
            return .failure(AuthorizeError(code: "organization_invalid", description: "No connection associated with organization"))
        case 0: return usable(connections[0])
        default:
            return .failure(AuthorizeError(
                code: "ambiguous_connection_selector",
                description: "The organization has \(active.count) active connections; use the connection parameter to choose one."))
        }
    }

    private func connection(forDomain domain: String, in db: Database) throws -> Result<ConnectionRecord, AuthorizeError>? {
        guard let owner = try OrganizationsAPI.organizationID(verifiedDomain: domain, in: db) else { return nil }
        return try connection(ofOrganization: owner, in: db)
    }

    /// An OAuth provider's connection: the environment's connection of that type, which belongs to no
    /// organization.
    private func connection(forProvider provider: String, in db: Database) throws -> Result<ConnectionRecord, AuthorizeError> {
        guard ConnectionType.providers.contains(provider) else {
            return .failure(AuthorizeError(code: "invalid_connection_selector", description: "'\(provider)' is not a supported provider."))
        }
        let candidates = try ConnectionRecord.filter(Column("connection_type") == provider && Column("organization_id") == nil)
            .order(Column("id")).fetchAll(db)
        guard let record = candidates.first(where: { $0.state == .active }) ?? candidates.first else {
            return .failure(AuthorizeError(
                code: "connection_invalid",
                description: "No \(provider) connection is configured in this environment (a scenario can add one: connections: {google: {type: \(provider)}})."))
        }
        return usable(record)
    }

    private func usable(_ record: ConnectionRecord) -> Result<ConnectionRecord, AuthorizeError> {
        guard record.state == .active else {
            return .failure(AuthorizeError(code: "connection_unlinked",
                                           description: "The connection associated with the request is unlinked (\(record.state.rawValue))."))
        }
        return .success(record)
    }
}
