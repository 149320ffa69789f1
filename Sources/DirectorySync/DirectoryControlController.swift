import EmulatorCore
import GRDB
import Hummingbird

/// The control API's Directory Sync routes, for tests that do not speak SCIM: create directories
/// (answering their SCIM endpoint and bearer token), move their state, and create, update, suspend and
/// delete their users and groups and memberships, through the same write path as SCIM and so with
/// the same events.
public struct DirectoryControlController: Sendable {
    public init() {}

    public func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("directories", use: createDirectory)
        control.get("directories/:id", use: getDirectory)
        control.patch("directories/:id", use: updateDirectory)
        control.post("directories/:id/users", use: createUser)
        control.patch("directory_users/:id", use: updateUser)
        control.delete("directory_users/:id", use: deleteUser)
        control.post("directories/:id/groups", use: createGroup)
        control.patch("directory_groups/:id", use: updateGroup)
        control.delete("directory_groups/:id", use: deleteGroup)
        control.put("directory_groups/:id/members/:member_id", use: addMember)
        control.delete("directory_groups/:id/members/:member_id", use: removeMember)
    }

    // MARK: directories

    @Sendable func createDirectory(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["id", "organization_id", "name", "type", "domain", "state", "group_roles"])
        var directory = NewDirectory(organizationID: try body.requiredString("organization_id"))
        directory.id = try body.string("id")
        if let id = directory.id, !id.hasPrefix("directory_") {
            throw APIError.invalidParameter("id", code: "invalid_value", "id must start with directory_.")
        }
        directory.name = try body.string("name")
        directory.type = try Self.type(body) ?? directory.type
        directory.domain = try body.string("domain")
        directory.state = try Self.state(body) ?? directory.state
        directory.groupRoles = try GroupRole.read(body) ?? []
        let environment = try context.env()
        let baseURL = Self.baseURL(request)
        let new = directory
        let created = try await environment.write { tx in
            try new.create(in: tx).controlWire(environmentID: tx.environmentID, baseURL: baseURL, in: tx.db)
        }
        return .json(created, status: .created)
    }

    @Sendable func getDirectory(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let environment = try context.env()
        let baseURL = Self.baseURL(request)
        return .json(try await environment.read { db in
            try DirectoryRecord.find(id, in: db).controlWire(environmentID: environment.id, baseURL: baseURL, in: db)
        })
    }

    /// `{"state"?, "group_roles"?}`: reaching `linked` emits `dsync.activated`; new group role
    /// mappings recompute every user's roles (`dsync.user.updated` for each that changes).
    @Sendable func updateDirectory(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["state", "group_roles"])
        let state = try Self.state(body)
        let groupRoles = try GroupRole.read(body)
        guard state != nil || groupRoles != nil else { throw JSONBody.required("state") }
        let baseURL = Self.baseURL(request)
        return .json(try await context.env().write { tx in
            var directory = try DirectoryRecord.find(id, in: tx.db)
            if let state { directory = try directory.transition(to: state, in: tx) }
            if let groupRoles { directory = try directory.mapGroups(groupRoles, in: tx) }
            return try directory.controlWire(environmentID: tx.environmentID, baseURL: baseURL, in: tx.db)
        })
    }

    // MARK: users

    /// `{"email", "first_name", …, "groups": [group ids]}`; `state: suspended` suspends.
    @Sendable func createUser(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let directoryID = try context.parameter("id")
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ScriptedUser.fields.union(["groups"]))
        let user = try ScriptedUser(body)
        let groups = try body.stringArray("groups") ?? []
        return .json(try await context.env().write { tx in
            let writer = DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(directoryID, in: tx.db))
            let joining = try groups.map { try Self.group($0, of: writer) }
            return try writer.createUser(try user.fields(over: nil), joining: joining).wire(in: tx.db)
        }, status: .created)
    }

    @Sendable func updateUser(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ScriptedUser.fields)
        let user = try ScriptedUser(body)
        return .json(try await context.env().write { tx in
            let current = try DirectoryUserRecord.find(id, in: tx.db)
            let writer = DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(current.directoryId, in: tx.db))
            return try writer.updateUser(current, try user.fields(over: current)).wire(in: tx.db)
        })
    }

    @Sendable func deleteUser(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            let record = try DirectoryUserRecord.find(id, in: tx.db)
            try DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(record.directoryId, in: tx.db)).deleteUser(record)
        }
        return .noContent
    }

    // MARK: groups

    /// `{"name", "idp_id"?, "members"?: [user or group ids]}`
    @Sendable func createGroup(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let directoryID = try context.parameter("id")
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["name", "idp_id", "members"])
        let fields = Self.groupFields(name: try body.requiredString("name"), idpID: try body.string("idp_id"), over: nil)
        let members = try body.stringArray("members") ?? []
        return .json(try await context.env().write { tx in
            let writer = DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(directoryID, in: tx.db))
            let record = try writer.createGroup(fields)
            try writer.setMembers(of: record, to: members)
            return record.wire
        }, status: .created)
    }

    @Sendable func updateGroup(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["name", "idp_id"])
        let name = try body.string("name")
        let idpID = try body.string("idp_id")
        return .json(try await context.env().write { tx in
            let current = try DirectoryGroupRecord.find(id, in: tx.db)
            let writer = DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(current.directoryId, in: tx.db))
            return try writer.updateGroup(current, Self.groupFields(name: name, idpID: idpID, over: current)).wire
        })
    }

    @Sendable func deleteGroup(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in
            let record = try DirectoryGroupRecord.find(id, in: tx.db)
            try DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(record.directoryId, in: tx.db)).deleteGroup(record)
        }
        return .noContent
    }

    @Sendable func addMember(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await changeMembership(context) { writer, memberID, group in try writer.addMember(memberID, to: group) }
    }

    @Sendable func removeMember(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await changeMembership(context) { writer, memberID, group in
            _ = try writer.member(memberID)
            try writer.removeMember(memberID, from: group)
        }
    }

    private func changeMembership(_ context: EmulatorRequestContext,
                                  _ change: @escaping @Sendable (DirectoryWriter, String, DirectoryGroupRecord) throws -> Void) async throws -> Response {
        let id = try context.parameter("id")
        let memberID = try context.parameter("member_id")
        try await context.env().write { tx in
            let group = try DirectoryGroupRecord.find(id, in: tx.db)
            try change(DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(group.directoryId, in: tx.db)), memberID, group)
        }
        return .noContent
    }

    // MARK: reading bodies

    /// A group's fields, as a SCIM Group document would give them.
    static func groupFields(name: String?, idpID: String?, over current: DirectoryGroupRecord?) -> DirectoryGroupFields {
        var document = current?.rawAttributes ?? ["schemas": .strings([SCIMSchema.group.id])]
        if let name { document["displayName"] = .string(name) }
        if let idpID { document["externalId"] = .string(idpID) }
        return DirectoryGroupFields(scim: document)
    }

    static func group(_ id: String, of writer: DirectoryWriter) throws -> DirectoryGroupRecord {
        guard case .group(let group) = try writer.member(id) else {
            throw APIError.invalidParameter("groups", code: "invalid_value", "'\(id)' is not a group of this directory.")
        }
        return group
    }

    static func type(_ body: JSONBody) throws -> String? {
        try body.string("type").map { type in
            guard DirectoryRecord.types.contains(type) else {
                throw APIError.invalidParameter("type", code: "invalid_value",
                                                "type must be one of: \(DirectoryRecord.types.sorted().joined(separator: ", ")).")
            }
            return type
        }
    }

    static func state(_ body: JSONBody) throws -> DirectoryRecord.State? {
        try body.string("state").map { text in
            guard let state = DirectoryRecord.State(rawValue: text), state != .deleting else {
                throw APIError.invalidParameter("state", code: "invalid_value",
                                                "state must be linked, unlinked, validating or invalid_credentials.")
            }
            return state
        }
    }

    static func baseURL(_ request: Request) -> String? { request.head.authority.map { "http://\($0)" } }
}
