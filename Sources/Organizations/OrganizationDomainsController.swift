import EmulatorCore
import Hummingbird

/// `/organization_domains`: add a domain to an organization, read it, verify it, remove it.
public struct OrganizationDomainsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("organization_domains")
        group.post(use: create)
        group.get(":id", use: get)
        group.delete(":id", use: delete)
        group.post(":id/verify", use: verify)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let domain = try DomainName.normalize(try body.requiredString("domain"), field: "domain")
        let organizationID = try body.requiredString("organization_id")
        let created = try await context.env().write { tx in
            _ = try OrganizationRecord.find(organizationID, in: tx.db)
            try OrganizationDomainRecord.ensureFree(domain, for: nil, in: tx.db)
            let record = OrganizationDomainRecord(domain: domain, organizationID: organizationID, verified: false, in: tx)
            try record.insert(tx.db)
            try tx.emit("organization_domain.created", record.wire)
            return record.wire
        }
        return .json(created, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try OrganizationDomainRecord.find(id, in: db).wire })
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            let record = try OrganizationDomainRecord.find(id, in: tx.db)
            try record.delete(tx.db)
            try tx.emit("organization_domain.deleted", record.wire)
        }
        return .noContent
    }

    /// Verification succeeds at once, except for domains under `.invalid`, which fail (see `DomainName`).
    @Sendable func verify(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let verified = try await context.env().write { tx in
            var record = try OrganizationDomainRecord.find(id, in: tx.db)
            guard record.state != .verified && record.state != .legacyVerified else {
                throw APIError(.badRequest, code: "domain_already_verified",
                               message: "The domain '\(record.domain)' is already verified.")
            }
            record.updatedAt = tx.now
            if DomainName.failsVerification(record.domain) {
                record.state = .failed
                try record.update(tx.db)
                try tx.emit("organization_domain.verification_failed",
                            ["reason": "domain_verification_failed", "organization_domain": record.wire],
                            organizationID: record.organizationId)
            } else {
                record.state = .verified
                try record.update(tx.db)
                try tx.emit("organization_domain.verified", record.wire)
            }
            return record.wire
        }
        return .json(verified, status: .created)
    }
}
