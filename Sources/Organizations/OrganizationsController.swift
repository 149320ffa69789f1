import Foundation
import EmulatorCore
import GRDB
import Hummingbird

/// `/organizations`: create, read, update, delete and list organizations.
public struct OrganizationsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("organizations")
        group.get(use: list)
        group.post(use: create)
        group.get("external_id/:external_id", use: getByExternalID)
        group.get(":id", use: get)
        group.put(":id", use: update)
        group.delete(":id", use: delete)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let domains = try query.list("domains").map { try DomainName.normalize($0, field: "domains") }
        let search = query.string("search")
        let page = try await context.env().read { db in
            var organizations = OrganizationRecord.all()
            if !domains.isEmpty {
                organizations = organizations.filter(
                    sql: "id IN (SELECT organization_id FROM organization_domains WHERE domain IN (\(domains.map { _ in "?" }.joined(separator: ","))))",
                    arguments: StatementArguments(domains))
            }
            if let search { organizations = organizations.filter(Column("name").like("%\(search)%")) }
            let page = try organizations.page(list, in: db)
            let domainsByOrganization = try OrganizationDomainRecord.all(of: page.data.map(\.id), in: db)
            return page.map { $0.wire(domains: domainsByOrganization[$0.id] ?? []) }
        }
        return .json(page.wire { $0 })
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let name = try body.requiredString("name").trimmingCharacters(in: .whitespaces)
        let metadata = try body.objectValue("metadata").map(Metadata.validate) ?? [:]
        let externalID = try body.string("external_id")
        let stripeCustomerID = try body.string("stripe_customer_id")
        let allowOutside = try body.bool("allow_profiles_outside_organization") ?? false
        let domains = try DomainData.read(from: body)
        let organization = NewOrganization(
            name: name, metadata: metadata, externalID: externalID, stripeCustomerID: stripeCustomerID,
            allowProfilesOutsideOrganization: allowOutside, domains: domains)
        let created = try await context.env().write { tx in try organization.create(in: tx) }
        return .json(created, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try OrganizationRecord.find(id, in: db).wire(in: db) })
    }

    @Sendable func getByExternalID(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let externalID = try context.parameter("external_id")
        return .json(try await context.env().read { db in
            guard let record = try OrganizationRecord.find(externalID: externalID, in: db) else {
                throw APIError.notFound("Organization", externalID)
            }
            return try record.wire(in: db)
        })
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        let name = try body.string("name").map { $0.trimmingCharacters(in: .whitespaces) }
        if body.contains("name"), name?.isEmpty ?? true { throw JSONBody.required("name") }
        let metadata = try body.update("metadata") { try body.objectValue($0).map(Metadata.validate) }
        let externalID = try body.update("external_id", body.string)
        let stripeCustomerID = try body.string("stripe_customer_id")
        let allowOutside = try body.bool("allow_profiles_outside_organization")
        let domains = try DomainData.read(from: body)
        let organization = try await context.env().write { tx in
            var record = try OrganizationRecord.find(id, in: tx.db)
            let before = record
            record.name = name ?? record.name
            record.metadata = metadata.applied(to: record.metadata) ?? [:]
            record.externalId = externalID.applied(to: record.externalId)
            try OrganizationRecord.ensureExternalIDFree(record.externalId, except: id, in: tx.db)
            if let stripeCustomerID {
                try OrganizationRecord.ensureStripeCustomerIDFree(stripeCustomerID, except: id, in: tx.db)
                record.stripeCustomerId = stripeCustomerID
            }
            record.allowProfilesOutsideOrganization = allowOutside ?? record.allowProfilesOutsideOrganization
            let domainEvents = try domains?.apply(to: id, in: tx) ?? []
            guard record != before || !domainEvents.isEmpty else { return try record.wire(in: tx.db) }
            record.updatedAt = tx.now
            try record.update(tx.db)
            let wire = try record.wire(in: tx.db)
            try tx.emit("organization.updated", wire)
            try tx.emit(domainEvents)
            return wire
        }
        return .json(organization)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            let record = try OrganizationRecord.find(id, in: tx.db)
            let domains = try OrganizationDomainRecord.all(of: id, in: tx.db)
            try record.delete(tx.db)
            try tx.emit("organization.deleted", record.wire(domains: domains))
            for domain in domains { try tx.emit("organization_domain.deleted", domain.wire) }
        }
        return Response(status: .accepted)
    }
}
