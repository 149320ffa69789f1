import EmulatorCore
import GRDB

/// What other areas may know of organizations. Their records stay inside this target.
public enum OrganizationsAPI {
    public struct Summary: Sendable, Equatable {
        public let id: String
        public let name: String
    }

    public struct Domain: Sendable, Equatable {
        public let id: String
        public let domain: String

        public init(id: String, domain: String) {
            self.id = id
            self.domain = domain
        }
    }

    /// The organization, or WorkOS's 404 `Organization not found`.
    public static func summary(of id: String, in db: Database) throws -> Summary {
        let record = try OrganizationRecord.find(id, in: db)
        return Summary(id: record.id, name: record.name)
    }

    /// The newest organization as its events carry it, or nil when there is none: what a synthesized
    /// `organization.*` event refers to.
    public static func newestOrganization(in db: Database) throws -> JSON? {
        try OrganizationRecord.order(Column("id").desc).fetchOne(db)?.wire(in: db)
    }

    /// The newest organization domain as its events carry it, or nil when there is none.
    public static func newestDomain(in db: Database) throws -> JSON? {
        try OrganizationDomainRecord.order(Column("id").desc).fetchOne(db)?.wire
    }

    /// The organization's domains, oldest first (a directory's `dsync.activated` event lists them).
    public static func domains(of id: String, in db: Database) throws -> [Domain] {
        try OrganizationDomainRecord.all(of: id, in: db).map { Domain(id: $0.id, domain: $0.domain) }
    }

    /// The organization, or nil when there is none with this ID.
    public static func summaryIfExists(of id: String, in db: Database) throws -> Summary? {
        try OrganizationRecord.fetchOne(db, key: id).map { Summary(id: $0.id, name: $0.name) }
    }

    /// The verified domains of each of these organizations, in the order they were added.
    /// (Verified domains are what SSO routes sign-ins by.)
    public static func verifiedDomains(of organizationIDs: [String], in db: Database) throws -> [String: [Domain]] {
        try OrganizationDomainRecord.all(of: organizationIDs, in: db).mapValues { domains in
            domains.filter { $0.state == .verified }.map { Domain(id: $0.id, domain: $0.domain) }
        }
    }

    /// The organization that has verified this domain, if one has (a domain belongs to at most one).
    public static func organizationID(verifiedDomain domain: String, in db: Database) throws -> String? {
        try OrganizationDomainRecord
            .filter(Column("domain") == domain.lowercased() && Column("state") == OrganizationDomainRecord.State.verified.rawValue)
            .fetchOne(db)?.organizationId
    }
}

extension OrganizationsAPI {
    /// The organization as the API answers it (domains embedded), or nil when there is none: what
    /// AuthKit's JWT templates read as `organization`.
    public static func organization(_ id: String, in db: Database) throws -> JSON? {
        try OrganizationRecord.fetchOne(db, key: id)?.wire(in: db)
    }
}
