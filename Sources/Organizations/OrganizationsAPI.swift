import EmulatorCore
import GRDB

/// What other areas may know of organizations. Their records stay inside this target.
public enum OrganizationsAPI {
    public struct Summary: Sendable, Equatable {
        public let id: String
        public let name: String
    }

    /// The organization, or WorkOS's 404 `Organization not found`.
    public static func summary(of id: String, in db: Database) throws -> Summary {
        let record = try OrganizationRecord.find(id, in: db)
        return Summary(id: record.id, name: record.name)
    }

    /// The organization, or nil when there is none with this ID.
    public static func summaryIfExists(of id: String, in db: Database) throws -> Summary? {
        try OrganizationRecord.fetchOne(db, key: id).map { Summary(id: $0.id, name: $0.name) }
    }

    /// A domain an organization has verified: what SSO routes sign-ins by.
    public struct VerifiedDomain: Sendable, Equatable {
        public let id: String
        public let domain: String

        public init(id: String, domain: String) {
            self.id = id
            self.domain = domain
        }
    }

    /// The verified domains of each of these organizations, in the order they were added.
    public static func verifiedDomains(of organizationIDs: [String], in db: Database) throws -> [String: [VerifiedDomain]] {
        try OrganizationDomainRecord.all(of: organizationIDs, in: db).mapValues { domains in
            domains.filter { $0.state == .verified }.map { VerifiedDomain(id: $0.id, domain: $0.domain) }
        }
    }

    /// The organization that has verified this domain, if one has (a domain belongs to at most one).
    public static func organizationID(verifiedDomain domain: String, in db: Database) throws -> String? {
        try OrganizationDomainRecord
            .filter(Column("domain") == domain.lowercased() && Column("state") == OrganizationDomainRecord.State.verified.rawValue)
            .fetchOne(db)?.organizationId
    }
}
