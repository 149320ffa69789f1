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
}
