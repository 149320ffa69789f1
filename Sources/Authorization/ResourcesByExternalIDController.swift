import EmulatorCore
import GRDB
import Hummingbird

/// `/authorization/organizations/{organizationId}/resources/{resource_type_slug}/{external_id}`: a
/// resource addressed as the customer's application knows it.
public struct ResourcesByExternalIDController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        // `organizationId`, as the organization roles' routes name the same segment.
        let group = api.group("authorization/organizations/:organizationId/resources/:type/:externalId")
        group.get(use: get)
        group.patch(use: update)
        group.delete(use: delete)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let key = try Self.key(context)
        return .json(try await context.env().read { db in try Self.find(key, in: db).wire })
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let key = try Self.key(context)
        let changes = try ResourceRecord.Changes(try await JSONBody.read(request))
        return .json(try await context.env().write { tx in
            var resource = try Self.find(key, in: tx.db)
            try resource.apply(changes, in: tx)
            return resource.wire
        })
    }

    @Sendable func delete(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let key = try Self.key(context)
        let cascade = try QueryParameters(request).bool("cascade_delete") ?? false
        try await context.env().write { tx in try Self.find(key, in: tx.db).remove(cascade: cascade, in: tx) }
        return .noContent
    }

    private typealias Key = (organizationID: String, type: String, externalID: String)

    private static func key(_ context: EmulatorRequestContext) throws -> Key {
        (try context.parameter("organizationId"), try context.parameter("type"), try context.parameter("externalId"))
    }

    private static func find(_ key: Key, in db: Database) throws -> ResourceRecord {
        try ResourceRecord.find(organizationID: key.organizationID, type: key.type, externalID: key.externalID, in: db)
    }
}
