import EmulatorCore
import Foundation
import GRDB
import Hummingbird
import Organizations

/// `/connections`: list, read, create, update and delete SSO connections.
struct ConnectionsController: Sendable {
    func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("connections")
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: get)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let type = try query.string("connection_type").map { name in
            guard let type = ConnectionType(name) else {
                throw APIError.invalidParameter("connection_type", code: "invalid_value", "'\(name)' is not a connection type.")
            }
            return type
        }
        let domain = query.string("domain")?.lowercased()
        let organizationID = query.string("organization_id")
        let search = query.string("search")
        let page = try await context.env().read { db -> Page<JSON> in
            var connections = ConnectionRecord.all()
            if let type { connections = connections.filter(Column("connection_type") == type.name) }
            if let organizationID { connections = connections.filter(Column("organization_id") == organizationID) }
            if let domain {
                // A connection's domains are its organization's verified ones.
                guard let owner = try OrganizationsAPI.organizationID(verifiedDomain: domain, in: db) else {
                    return Page(data: [], before: nil, after: nil)
                }
                connections = connections.filter(Column("organization_id") == owner)
            }
            if let search { connections = connections.filter(Column("name").like("%\(search)%")) }
            let page = try connections.page(list, in: db)
            let domains = try OrganizationsAPI.verifiedDomains(of: page.data.compactMap(\.organizationId), in: db)
            return page.map { $0.wire(domains: $0.organizationId.flatMap { domains[$0] } ?? []) }
        }
        return .json(page.wire { $0 })
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try ConnectionRecord.find(id, in: db).wire(in: db) })
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let connection = try ConnectionRequest.creation(from: body)
        let environment = try context.env()
        let (created, status) = try await environment.write { tx -> (JSON, HTTPResponse.Status) in
            // The external ID makes creation repeatable: the organization's connection holding it is
            // answered instead of a duplicate.
            if let externalID = connection.externalID,
               let existing = try ConnectionRecord.find(externalID: externalID, organizationID: connection.organizationID, in: tx.db) {
                return (try existing.wire(in: tx.db), .ok)
            }
            return (try connection.create(in: tx).wire(in: tx.db), .created)
        }
        return .json(created, status: status)
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        let change = try ConnectionRequest.update(from: body)
        let updated = try await context.env().write { tx in
            var record = try ConnectionRecord.find(id, in: tx.db)
            try change.apply(to: &record, in: tx)
            return try record.wire(in: tx.db)
        }
        return .json(updated)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            try ConnectionLifecycle.delete(try ConnectionRecord.find(id, in: tx.db), in: tx)
        }
        return .noContent
    }
}
