import EmulatorCore
import GRDB
import Hummingbird

/// `/Groups`: SCIM groups, stored as directory groups; `members` become group memberships.
struct SCIMGroups: Sendable {
    private static let indexedColumns = ["displayName": "name", "externalId": "external_id", "id": "id"]

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await list(try SCIMListQuery(request, type: .group), try SCIMRequest(request, context))
    }

    @Sendable func search(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        return try await list(try SCIMListQuery(search: body.object, type: .group), try SCIMRequest(request, context))
    }

    private func list(_ query: SCIMListQuery, _ scim: SCIMRequest) async throws -> Response {
        let directoryID = scim.directoryID
        let renderer = scim.renderer
        return .scim(try await scim.environment.read { db in
            var groups = DirectoryGroupRecord.all(in: directoryID).order(Column("id"))
            let indexed = query.indexedEquality(Self.indexedColumns)
            if let indexed { groups = groups.filter(Column(indexed.column) == indexed.value) }
            return try query.page(groups, sqlFiltered: indexed != nil, in: db, caseExact: SCIMResourceType.group.caseExact) { records in
                try records.map { renderer.group($0, members: try GroupMemberRecord.members(of: $0.id, in: db)) }
            }
        })
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let scim = try SCIMRequest(request, context)
        let id = try context.parameter("id")
        let projection = SCIMRequest.projection(request, type: .group)
        return .scim(.object(projection.apply(try await scim.environment.read { db in
            scim.renderer.group(try Self.find(id, in: scim.directoryID, db), members: try GroupMemberRecord.members(of: id, in: db))
        })))
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let scim = try SCIMRequest(request, context)
        let (document, members) = try Self.split(try SCIMDocument(type: .group).normalize(try await JSONBody.read(request).object))
        let resource = try await scim.environment.write { tx in
            let writer = DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(scim.directoryID, in: tx.db))
            let record = try writer.createGroup(DirectoryGroupFields(scim: document))
            try writer.setMembers(of: record, to: members)
            return scim.renderer.group(record, members: try GroupMemberRecord.members(of: record.id, in: tx.db))
        }
        return scim.created(resource, type: .group, id: resource["id"]!.stringValue!)
    }

    @Sendable func replace(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let document = try SCIMDocument(type: .group).normalize(try await JSONBody.read(request).object)
        return try await update(request, context) { _ in document }
    }

    /// The stored document plus the current `members` is what the operations edit, so
    /// `members[value eq "…"]` paths and `remove members` values work as on any attribute.
    @Sendable func patch(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let patch = try SCIMPatch(try await JSONBody.read(request).object)
        return try await update(request, context) { current in try patch.apply(to: current, type: .group) }
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let scim = try SCIMRequest(request, context)
        let id = try context.parameter("id")
        try await scim.environment.write { tx in
            let record = try Self.find(id, in: scim.directoryID, tx.db)
            try DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(scim.directoryID, in: tx.db)).deleteGroup(record)
        }
        return Response(status: .noContent)
    }

    private func update(_ request: Request, _ context: EmulatorRequestContext,
                        _ change: @escaping @Sendable (JSONObject) throws -> JSONObject) async throws -> Response {
        let scim = try SCIMRequest(request, context)
        let id = try context.parameter("id")
        return .scim(.object(try await scim.environment.write { tx in
            let current = try Self.find(id, in: scim.directoryID, tx.db)
            var editable = current.rawAttributes
            let links = try GroupMemberRecord.members(of: id, in: tx.db)
            if !links.isEmpty { editable["members"] = .array(links.map(scim.renderer.member)) }
            let (document, members) = try Self.split(try change(editable))
            let writer = DirectoryWriter(tx: tx, directory: try DirectoryRecord.find(scim.directoryID, in: tx.db))
            let record = try writer.updateGroup(current, DirectoryGroupFields(scim: document))
            try writer.setMembers(of: record, to: members)
            return scim.renderer.group(record, members: try GroupMemberRecord.members(of: id, in: tx.db))
        }))
    }

    /// Separates the members (kept as memberships) from the rest of the document (kept as raw attributes).
    private static func split(_ document: JSONObject) throws -> (JSONObject, [String]) {
        var rest = document
        rest["members"] = nil
        let members = try (document["members"]?.arrayValue ?? []).map { member in
            guard let id = member["value"]?.stringValue else { throw SCIMError.invalidValue("Every member needs a value.") }
            return id
        }
        return (rest, members)
    }

    static func find(_ id: String, in directoryID: String, _ db: Database) throws -> DirectoryGroupRecord {
        guard let record = try DirectoryGroupRecord.fetchOne(db, key: id), record.directoryId == directoryID else {
            throw SCIMError.notFound("Group", id)
        }
        return record
    }
}
