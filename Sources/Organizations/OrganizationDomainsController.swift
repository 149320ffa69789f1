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
            try OrganizationDomainRecord.add(domain, to: organizationID, in: tx).wire
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

    @Sendable func verify(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let verified = try await context.env().write { tx in
            var record = try OrganizationDomainRecord.find(id, in: tx.db)
            try record.verify(in: tx)
            return record.wire
        }
        return .json(verified, status: .created)
    }
}
