import EmulatorCore
import Foundation
import GRDB

/// A row of `organization_domains`: a domain an organization claims, and where its verification stands.
struct OrganizationDomainRecord: EmulatorRecord, ListableRecord {
    static let databaseTableName = "organization_domains"

    enum State: String, Codable, Sendable, DatabaseValueConvertible {
        case pending, verified, failed, unverified, legacyVerified = "legacy_verified"
    }
    enum Strategy: String, Codable, Sendable, DatabaseValueConvertible { case dns, manual }

    var id: String
    var organizationId: String
    var domain: String
    var state: State
    var verificationStrategy: Strategy
    var verificationToken: String
    var verificationPrefix: String
    var createdAt: Date
    var updatedAt: Date

    /// A new domain: `verified` ones are taken on the caller's word (`manual`); the others wait for a
    /// DNS TXT record carrying the verification token.
    init(domain: String, organizationID: String, verified: Bool, in tx: Transaction) {
        id = tx.newID("org_domain")
        organizationId = organizationID
        self.domain = domain
        state = verified ? .verified : .pending
        verificationStrategy = verified ? .manual : .dns
        verificationToken = ObjectID.token(25)
        verificationPrefix = "workos-domain-verification-" + ObjectID.token(6).lowercased()
        createdAt = tx.now
        updatedAt = tx.now
    }

    var wire: JSON {
        [
            "object": "organization_domain",
            "id": .string(id),
            "organization_id": .string(organizationId),
            "domain": .string(domain),
            "state": .string(state.rawValue),
            "verification_prefix": .string(verificationPrefix),
            "verification_token": .string(verificationToken),
            "verification_strategy": .string(verificationStrategy.rawValue),
            "created_at": .timestamp(createdAt),
            "updated_at": .timestamp(updatedAt),
        ]
    }

    static func find(_ id: String, in db: Database) throws -> OrganizationDomainRecord {
        guard let record = try fetchOne(db, key: id) else { throw APIError.notFound("Organization Domain", id) }
        return record
    }

    static func all(of organizationID: String, in db: Database) throws -> [OrganizationDomainRecord] {
        try fetchAll(db, where: "organization_id", is: organizationID)
    }

    /// Domains of many organizations in one query, grouped by organization.
    static func all(of organizationIDs: [String], in db: Database) throws -> [String: [OrganizationDomainRecord]] {
        Dictionary(grouping: try fetchAll(db, where: "organization_id", isIn: organizationIDs), by: \.organizationId)
    }

    /// A domain belongs to at most one organization in an environment (WorkOS's 409 `domain_already_exists`).
    static func ensureFree(_ domain: String, for organizationID: String?, in db: Database) throws {
        guard let holder = try filter(Column("domain") == domain).fetchOne(db), holder.organizationId != organizationID else {
            return
        }
        throw APIError(.conflict, code: "domain_already_exists",
                       message: "The domain '\(domain)' already belongs to another organization.")
    }
}

extension OrganizationDomainRecord {
    /// Read with every organization: decoded by hand (see `Row.date`).
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        organizationId = try row.decode(forColumn: "organization_id")
        domain = try row.decode(forColumn: "domain")
        state = try row.decode(forColumn: "state")
        verificationStrategy = try row.decode(forColumn: "verification_strategy")
        verificationToken = try row.decode(forColumn: "verification_token")
        verificationPrefix = try row.decode(forColumn: "verification_prefix")
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
    }
}
