import EmulatorCore
import GRDB
import Hummingbird

/// `/Users`: SCIM users, stored as directory users.
struct SCIMUsers: Sendable {
    private static let indexedColumns = ["userName": "username", "externalId": "external_id", "id": "id"]

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await list(try SCIMListQuery(request, type: .user), try SCIMRequest(request, context))
    }

    @Sendable func search(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        return try await list(try SCIMListQuery(search: body.object, type: .user), try SCIMRequest(request, context))
    }

    private func list(_ query: SCIMListQuery, _ scim: SCIMRequest) async throws -> Response {
        let directoryID = scim.directoryID
        let renderer = scim.renderer
        return .scim(try await scim.environment.read { db in
            var users = DirectoryUserRecord.all(in: directoryID).order(Column("id"))
            let indexed = query.indexedEquality(Self.indexedColumns)
            if let indexed { users = users.filter(Column(indexed.column) == indexed.value) }
            return try query.page(users, sqlFiltered: indexed != nil, in: db, caseExact: SCIMResourceType.user.caseExact) { records in
                let groups = try GroupMemberRecord.groups(of: records.map(\.id), in: db)
                return records.map { renderer.user($0, groups: groups[$0.id] ?? []) }
            }
        })
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let scim = try SCIMRequest(request, context)
        let id = try context.parameter("id")
        let projection = SCIMRequest.projection(request, type: .user)
        return .scim(.object(projection.apply(try await scim.environment.read { db in
            let record = try Self.find(id, in: scim.directoryID, db)
            return scim.renderer.user(record, groups: try GroupMemberRecord.groups(of: [id], in: db)[id] ?? [])
        })))
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let scim = try SCIMRequest(request, context)
        let document = try SCIMDocument(type: .user).normalize(try await JSONBody.read(request).object)
        let record = try await scim.environment.write { tx in
            let directory = try DirectoryRecord.find(scim.directoryID, in: tx.db)
            return try DirectoryWriter(tx: tx, directory: directory).createUser(DirectoryUserFields(scim: document))
        }
        return scim.created(scim.renderer.user(record, groups: []), type: .user, id: record.id)
    }

    @Sendable func replace(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let document = try SCIMDocument(type: .user).normalize(try await JSONBody.read(request).object)
        return try await update(request, context) { _ in document }
    }

    @Sendable func patch(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let patch = try SCIMPatch(try await JSONBody.read(request).object)
        return try await update(request, context) { current in try patch.apply(to: current, type: .user) }
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let scim = try SCIMRequest(request, context)
        let id = try context.parameter("id")
        try await scim.environment.write { tx in
            let record = try Self.find(id, in: scim.directoryID, tx.db)
            try DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(scim.directoryID, in: tx.db)).deleteUser(record)
        }
        return Response(status: .noContent)
    }

    /// Turns the stored document into the new one and saves the user it describes. Roles and a
    /// suspension, which SCIM cannot express, stay as the control API left them.
    private func update(_ request: Request, _ context: EmulatorRequestContext,
                        _ change: @escaping @Sendable (JSONObject) throws -> JSONObject) async throws -> Response {
        let scim = try SCIMRequest(request, context)
        let id = try context.parameter("id")
        return .scim(.object(try await scim.environment.write { tx in
            let current = try Self.find(id, in: scim.directoryID, tx.db)
            var fields = DirectoryUserFields(scim: try change(current.rawAttributes))
            fields.roles = current.roles
            if current.state == .suspended && fields.state == .inactive { fields.state = .suspended }
            let directory = try DirectoryRecord.find(scim.directoryID, in: tx.db)
            let record = try DirectoryWriter(tx: tx, directory: directory).updateUser(current, fields)
            return scim.renderer.user(record, groups: try GroupMemberRecord.groups(of: [id], in: tx.db)[id] ?? [])
        }))
    }

    static func find(_ id: String, in directoryID: String, _ db: Database) throws -> DirectoryUserRecord {
        guard let record = try DirectoryUserRecord.fetchOne(db, key: id), record.directoryId == directoryID else {
            throw SCIMError.notFound("User", id)
        }
        return record
    }
}
