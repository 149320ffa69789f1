import EmulatorCore
import GRDB
import Hummingbird
import Organizations

/// `/user_management/organization_memberships`: users in organizations, their roles and their status
/// (`active`, `inactive`, or `pending` while an invitation waits).
public struct MembershipsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("user_management/organization_memberships")
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: get)
        group.put(":id", use: update)
        group.delete(":id", use: delete)
        group.put(":id/deactivate", use: deactivate)
        group.put(":id/reactivate", use: reactivate)
    }

    /// Needs `user_id` or `organization_id`; only `active` memberships unless `statuses` says otherwise.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let userID = query.string("user_id")
        let organizationID = query.string("organization_id")
        guard userID != nil || organizationID != nil else {
            throw APIError(.badRequest, code: "missing_user_id_or_organization_id",
                           message: "Provide user_id or organization_id.")
        }
        let statuses = try query.list("statuses").map { text in
            guard let status = MembershipRecord.Status(rawValue: text) else {
                throw APIError(.badRequest, code: "invalid_request_parameters",
                               message: "statuses must be a list of active, inactive, pending; '\(text)' is not one.")
            }
            return status.rawValue
        }
        let page = try await context.env().read { db in
            if let userID { _ = try UserRecord.find(userID, in: db) }
            if let organizationID { _ = try OrganizationsAPI.summary(of: organizationID, in: db) }
            var memberships = MembershipRecord.all()
            if let userID { memberships = memberships.filter(Column("user_id") == userID) }
            if let organizationID { memberships = memberships.filter(Column("organization_id") == organizationID) }
            memberships = memberships.filter((statuses.isEmpty ? ["active"] : statuses).contains(Column("status")))
            return try memberships.page(list, in: db).map { try $0.wire(in: db) }
        }
        return .json(page.wire { $0 })
    }

    /// A new `active` membership; an `inactive` one of the same user and organization comes back to
    /// life with the roles asked for, a `pending` one must be accepted through its invitation instead.
    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let userID = try body.requiredString("user_id")
        let organizationID = try body.requiredString("organization_id")
        let requested = try MembershipRoles.read(from: body)
        let membership = try await context.env().write { tx in
            let user = try UserRecord.find(userID, in: tx.db)
            let organization = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            let roleSlugs = try MembershipRoles.validate(requested ?? [MembershipRoles.defaultSlug],
                                                         organizationID: organizationID, in: tx.db)
            guard var existing = try MembershipRecord.find(userID: userID, organizationID: organizationID, in: tx.db) else {
                let record = MembershipRecord(userID: userID, organizationID: organizationID, status: .active,
                                              roleSlugs: roleSlugs, in: tx)
                try record.create(in: tx)
                return record.wire(user: user, organizationName: organization.name)
            }
            switch existing.status {
            case .active:
                throw APIError(.conflict, code: "organization_membership_already_exists",
                               message: "The user already has an active membership in this organization: '\(existing.id)'.")
            case .pending:
                throw APIError(.badRequest, code: "cannot_reactivate_pending_organization_membership",
                               message: "A pending organization membership cannot be reactivated. The user needs to accept the invitation instead.")
            case .inactive:
                let before = existing
                existing.status = .active
                existing.roleSlugs = roleSlugs
                try existing.save(changedFrom: before, in: tx)
                return existing.wire(user: user, organizationName: organization.name)
            }
        }
        return .json(membership, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try MembershipRecord.find(id, in: db).wire(in: db) })
    }

    /// Changes the roles (`role_slug` or `role_slugs`); a body naming neither changes nothing.
    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let requested = try MembershipRoles.read(from: try await JSONBody.read(request))
        let membership = try await context.env().write { tx in
            var record = try MembershipRecord.find(id, in: tx.db)
            if let requested {
                let before = record
                record.roleSlugs = try MembershipRoles.validate(requested, organizationID: record.organizationId, in: tx.db)
                try record.save(changedFrom: before, in: tx)
            }
            return try record.wire(in: tx.db)
        }
        return .json(membership)
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in try MembershipRecord.find(id, in: tx.db).remove(in: tx) }
        return Response(status: .ok)
    }

    @Sendable func deactivate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().write { tx in
            try Self.transition(id, to: .inactive, in: tx, pendingError: APIError(
                .badRequest, code: "cannot_deactivate_pending_organization_membership",
                message: "A pending organization membership cannot be deactivated. Delete it instead."))
        })
    }

    @Sendable func reactivate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().write { tx in
            try Self.transition(id, to: .active, in: tx, pendingError: APIError(
                .badRequest, code: "cannot_reactivate_pending_organization_membership",
                message: "A pending organization membership cannot be reactivated. The user needs to accept the invitation instead."))
        })
    }

    /// Moves an active or inactive membership to `status`; already there is a no-op without an event,
    /// and a pending membership cannot move either way.
    private static func transition(_ id: String, to status: MembershipRecord.Status, in tx: Transaction,
                                   pendingError: APIError) throws -> JSON {
        var record = try MembershipRecord.find(id, in: tx.db)
        guard record.status != .pending else { throw pendingError }
        let before = record
        record.status = status
        try record.save(changedFrom: before, in: tx)
        return try record.wire(in: tx.db)
    }
}
