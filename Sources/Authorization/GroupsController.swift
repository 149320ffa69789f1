import EmulatorCore
import Foundation
import GRDB
import Hummingbird
import Organizations

/// `/organizations/{id}/groups`: an organization's groups. Their members are memberships of the same
/// organization, which another area keeps, reached through the `MembershipDirectory` given at assembly
/// (see `GroupMembersController`).
public struct GroupsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        // `:id` as the organizations' own routes name the segment.
        let groups = api.group("organizations/:id/groups")
        groups.get(use: list)
        groups.post(use: create)
        groups.get(":groupId", use: get)
        groups.patch(":groupId", use: update)
        groups.delete(":groupId", use: delete)
    }

    /// Newest first by default; `search` matches a name (case-insensitive, any part) or an ID.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("id")
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let search = query.string("search").flatMap { $0.isEmpty ? nil : $0 }
        return .json(try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: organizationID, in: db)
            var groups = GroupRecord.filter(Column("organization_id") == organizationID)
            if let search {
                let escaped = search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_")
                groups = groups.filter(Column("name").like("%\(escaped)%", escape: "\\") || Column("id") == search)
            }
            return try groups.page(list, in: db)
        }.wire)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("id")
        let body = try await JSONBody.read(request)
        let name = try Self.name(in: body, required: true)!
        let description = try Self.description(in: body).applied(to: nil)
        let group = try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            let group = GroupRecord(id: tx.newID("group"), organizationId: organizationID, name: name,
                                    description: description, createdAt: tx.now, updatedAt: tx.now)
            try group.insert(tx.db)
            try tx.emit("group.created", group.wire, organizationID: organizationID)
            return group
        }
        return .json(group.wire, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (organizationID, groupID) = (try context.parameter("id"), try context.parameter("groupId"))
        return .json(try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: organizationID, in: db)
            return try GroupRecord.find(groupID, of: organizationID, in: db).wire
        })
    }

    /// Changes only the fields given (`description: null` clears it); `group.updated` when anything changed.
    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (organizationID, groupID) = (try context.parameter("id"), try context.parameter("groupId"))
        let body = try await JSONBody.read(request)
        let name = try Self.name(in: body, required: false)
        let description = try Self.description(in: body)
        return .json(try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            var group = try GroupRecord.find(groupID, of: organizationID, in: tx.db)
            let before = group
            group.name = name ?? group.name
            group.description = description.applied(to: group.description)
            guard group != before else { return group.wire }
            group.updatedAt = tx.now
            try group.update(tx.db)
            try tx.emit("group.updated", group.wire, organizationID: organizationID)
            return group.wire
        })
    }

    /// Its members leave it and the roles they held through it go, with `group.deleted` alone.
    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (organizationID, groupID) = (try context.parameter("id"), try context.parameter("groupId"))
        try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            try GroupRecord.find(groupID, of: organizationID, in: tx.db).remove(in: tx)
        }
        return .noContent
    }

    /// `name`, trimmed, 1–256 characters; nil when absent and not required.
    private static func name(in body: JSONBody, required: Bool) throws -> String? {
        guard let name = try body.string("name")?.trimmingCharacters(in: .whitespaces) else {
            if required { throw JSONBody.required("name") }
            return nil
        }
        guard !name.isEmpty else { throw JSONBody.required("name") }
        try AuthorizationFields.ensureLength(name, field: "name", max: GroupRecord.maxNameLength)
        return name
    }

    /// `description`: up to 150 characters, or `null` to clear it.
    private static func description(in body: JSONBody) throws -> FieldUpdate<String> {
        let update = try body.update("description", body.string)
        if case .set(let text) = update {
            try AuthorizationFields.ensureLength(text, field: "description", max: GroupRecord.maxDescriptionLength)
        }
        return update
    }
}
