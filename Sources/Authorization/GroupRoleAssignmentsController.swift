import EmulatorCore
import GRDB
import Hummingbird

/// `/authorization/groups/{id}/role_assignments`: the roles a group holds on resources, which every
/// member of the group holds too. A body that names no resource means the group's organization itself.
public struct GroupRoleAssignmentsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("authorization/groups/:groupId/role_assignments")
        group.get(use: list)
        group.post(use: assign)
        group.put(use: replace)
        group.patch(use: change)
        group.delete(use: unassign)
        group.get(":assignmentId", use: get)
        group.delete(":assignmentId", use: delete)
    }

    /// What a body asks to assign or remove: a role and a resource of the group's organization.
    private struct Wanted: Equatable {
        let role: RoleRecord
        let resource: ResourceRecord

        static let maxReplacements = 100

        /// `role_slug` and the resource, which must suit the role's type (422).
        static func read(_ body: JSONBody, for group: GroupRecord, in db: Database) throws -> Wanted {
            let roleSlug = try body.requiredString("role_slug")
            let target = try AuthorizationAPI.ResourceTarget.read(from: body)
            guard let role = try RoleRecord.resolve(roleSlug, in: group.organizationId, db: db) else {
                throw APIError.notFound("Role", roleSlug)
            }
            let resource = try target.map { try $0.resolve(in: group.organizationId, db: db) }
                ?? ResourceRecord.root(of: group.organizationId, in: db)
            guard let resource else { throw APIError.notFound("Resource", group.organizationId) }
            guard role.resourceTypeSlug == resource.resourceTypeSlug else {
                throw APIError.invalidParameter("role_slug", code: "invalid_value",
                                                "Role '\(roleSlug)' applies to \(role.resourceTypeSlug) resources, not \(resource.resourceTypeSlug) ones.")
            }
            return Wanted(role: role, resource: resource)
        }

        /// The entries of a list of role assignments, each an object (422 otherwise).
        static func objects(_ entries: [JSON], field: String) throws -> [JSONBody] {
            try entries.map { entry in
                guard let object = entry.objectValue else {
                    throw APIError.invalidParameter(field, code: "invalid_type", "\(field) must be an array of objects.")
                }
                return JSONBody(object)
            }
        }

        func existing(of group: GroupRecord, in db: Database) throws -> GroupRoleAssignmentRecord? {
            try GroupRoleAssignmentRecord.existing(of: group.id, role: role.id, on: resource.id, in: db)
        }

        /// Makes the assignment and gives it to every member of the group.
        func assign(to group: GroupRecord, in tx: Transaction) throws -> GroupRoleAssignmentRecord {
            let record = GroupRoleAssignmentRecord(id: tx.newID("gra"), groupId: group.id, roleId: role.id,
                                                   resourceId: resource.id, createdAt: tx.now, updatedAt: tx.now)
            try record.insert(tx.db)
            try record.grant(to: try GroupMemberRecord.memberIDs(of: group.id, in: tx.db), organizationID: group.organizationId, in: tx)
            return record
        }
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let groupID = try context.parameter("groupId")
        let list = try ListQuery(QueryParameters(request))
        let page = try await context.env().read { db in
            let group = try GroupRecord.find(groupID, in: db)
            return try GroupRoleAssignmentRecord.filter(Column("group_id") == group.id).page(list, in: db).map { try $0.wire(in: db) }
        }
        return .json(page.wire { $0 })
    }

    /// 409 `duplicate_group_role_assignment` when the group holds the role there already.
    @Sendable func assign(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let groupID = try context.parameter("groupId")
        let body = try await JSONBody.read(request)
        return .json(try await context.env().write { tx in
            let group = try GroupRecord.find(groupID, in: tx.db)
            let wanted = try Wanted.read(body, for: group, in: tx.db)
            guard try wanted.existing(of: group, in: tx.db) == nil else {
                throw APIError(.conflict, code: "duplicate_group_role_assignment",
                               message: "Group '\(groupID)' already has role '\(wanted.role.slug)' on '\(wanted.resource.id)'.")
            }
            return try wanted.assign(to: group, in: tx).wire(role: wanted.role, resource: wanted.resource)
        }, status: .created)
    }

    /// Makes `role_assignments` the group's assignments: those already held stay as they are (same IDs),
    /// the others go, the missing ones are made. Answers the resulting list, oldest first.
    @Sendable func replace(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let groupID = try context.parameter("groupId")
        let body = try await JSONBody.read(request)
        guard let entries = try body.array("role_assignments") else { throw JSONBody.required("role_assignments") }
        guard entries.count <= Wanted.maxReplacements else {
            throw APIError.invalidParameter("role_assignments", code: "too_long",
                                            "role_assignments may hold at most \(Wanted.maxReplacements) entries.")
        }
        let objects = try Wanted.objects(entries, field: "role_assignments")
        return .json(try await context.env().write { tx in
            let group = try GroupRecord.find(groupID, in: tx.db)
            var wanted: [Wanted] = []
            for object in objects {
                let next = try Wanted.read(object, for: group, in: tx.db)
                if !wanted.contains(next) { wanted.append(next) }
            }
            let held = try GroupRoleAssignmentRecord.filter(Column("group_id") == group.id).fetchAll(tx.db)
            for assignment in held where !wanted.contains(where: { $0.role.id == assignment.roleId && $0.resource.id == assignment.resourceId }) {
                try assignment.delete(tx.db)
            }
            for next in wanted where try next.existing(of: group, in: tx.db) == nil {
                _ = try next.assign(to: group, in: tx)
            }
            let result = try GroupRoleAssignmentRecord.filter(Column("group_id") == group.id).order(Column("id")).fetchAll(tx.db)
            return Page(data: try result.map { try $0.wire(in: tx.db) }, before: nil, after: nil).wire { $0 }
        })
    }

    /// Adds the assignments of `add` the group lacks and removes those of `remove` it holds, all or
    /// nothing: each entry must name a known role and resource (404) suited to each other (422).
    @Sendable func change(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let groupID = try context.parameter("groupId")
        let lists = try GroupChangeLists.read(try await JSONBody.read(request))
        let (toAdd, toRemove) = (try Wanted.objects(lists.add, field: "add"), try Wanted.objects(lists.remove, field: "remove"))
        try await context.env().write { tx in
            let group = try GroupRecord.find(groupID, in: tx.db)
            let added = try toAdd.map { try Wanted.read($0, for: group, in: tx.db) }
            let removed = try toRemove.map { try Wanted.read($0, for: group, in: tx.db) }
            try GroupChangeLists.rejectOverlap(added, removed) { "Role '\($0.role.slug)' on '\($0.resource.id)'" }
            for wanted in removed {
                try wanted.existing(of: group, in: tx.db)?.delete(tx.db)
            }
            for wanted in added where try wanted.existing(of: group, in: tx.db) == nil {
                _ = try wanted.assign(to: group, in: tx)
            }
        }
        return .noContent
    }

    /// Removes the group's assignment of `role_slug` on the resource (404 when there is none).
    @Sendable func unassign(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let groupID = try context.parameter("groupId")
        let body = try await JSONBody.read(request)
        try await context.env().write { tx in
            let group = try GroupRecord.find(groupID, in: tx.db)
            let wanted = try Wanted.read(body, for: group, in: tx.db)
            guard let assignment = try wanted.existing(of: group, in: tx.db) else {
                throw APIError(.notFound, message: "Role '\(wanted.role.slug)' is not assigned to group '\(groupID)' on '\(wanted.resource.id)'.")
            }
            try assignment.delete(tx.db)
        }
        return .noContent
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (groupID, assignmentID) = (try context.parameter("groupId"), try context.parameter("assignmentId"))
        return .json(try await context.env().read { db in
            let group = try GroupRecord.find(groupID, in: db)
            return try GroupRoleAssignmentRecord.find(assignmentID, of: group.id, in: db).wire(in: db)
        })
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (groupID, assignmentID) = (try context.parameter("groupId"), try context.parameter("assignmentId"))
        try await context.env().write { tx in
            let group = try GroupRecord.find(groupID, in: tx.db)
            try GroupRoleAssignmentRecord.find(assignmentID, of: group.id, in: tx.db).delete(tx.db)
        }
        return .noContent
    }
}
