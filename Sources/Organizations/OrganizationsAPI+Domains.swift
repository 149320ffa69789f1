import EmulatorCore
import GRDB

/// Organization domains for other areas' pages (the Admin Portal's domain verification): list them with
/// their state, add one and verify it, through the same writes and events as `/organization_domains`.
extension OrganizationsAPI {
    public struct DomainStatus: Sendable, Equatable {
        public let id: String
        public let domain: String
        /// `pending`, `verified`, `failed`, …, as the API shows it.
        public let state: String
    }

    public static func domainStatuses(of organizationID: String, in db: Database) throws -> [DomainStatus] {
        try OrganizationDomainRecord.all(of: organizationID, in: db).map(DomainStatus.init)
    }

    /// Adds the domain (normalized as the API does) and verifies it: `organization_domain.created`, then
    /// `organization_domain.verified` or `organization_domain.verification_failed`.
    public static func addAndVerifyDomain(_ domain: String, to organizationID: String, in tx: Transaction) throws -> DomainStatus {
        var record = try OrganizationDomainRecord.add(DomainName.normalize(domain, field: "domain"), to: organizationID, in: tx)
        try record.verify(in: tx)
        return DomainStatus(record)
    }
}

extension OrganizationsAPI.DomainStatus {
    init(_ record: OrganizationDomainRecord) {
        self.init(id: record.id, domain: record.domain, state: record.state.rawValue)
    }
}

extension OrganizationsAPI {
    /// The organization a domain belongs to, or nil for an unknown domain ID.
    public static func organizationID(ofDomain id: String, in db: Database) throws -> String? {
        try OrganizationDomainRecord.fetchOne(db, key: id)?.organizationId
    }
}
