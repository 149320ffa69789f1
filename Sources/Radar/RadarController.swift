import EmulatorCore
import Hummingbird

/// `/radar`: standalone Radar. Attempts are assessed against the environment's allow and block lists
/// (see `RadarVerdict`), their outcome reported back, and the lists edited entry by entry.
public struct RadarController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("radar")
        group.post("attempts", use: assess)
        group.put("attempts/:id", use: update)
        group.post("lists/:type/:action", use: addEntry)
        group.delete("lists/:type/:action", use: removeEntry)
    }

    @Sendable func assess(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let attempt = try NewRadarAttempt(try await JSONBody.read(request))
        return .json(try await context.env().write { tx in try RadarAttemptRecord.assess(attempt, in: tx).wire })
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let body = try await JSONBody.read(request)
        try await context.env().write { tx in _ = try RadarAttemptRecord.find(id, in: tx.db).reporting(body, in: tx) }
        return .noContent
    }

    /// 204 when added; 200 with `{message}` when the list already held the entry.
    @Sendable func addEntry(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (list, entry) = try await Self.listAndEntry(request, context: context)
        let added = try await context.env().write { tx in try RadarListEntryRecord.add(entry, to: list, in: tx) }
        return added ? .noContent : .json(["message": "Entry already present in list"])
    }

    @Sendable func removeEntry(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let (list, entry) = try await Self.listAndEntry(request, context: context)
        try await context.env().write { tx in try RadarListEntryRecord.remove(entry, from: list, in: tx) }
        return .noContent
    }

    private static func listAndEntry(_ request: Request, context: EmulatorRequestContext) async throws -> (RadarList, String) {
        let list = try RadarList(type: try context.parameter("type"), action: try context.parameter("action"))
        let body = try await JSONBody.read(request)
        guard let entry = body.object["entry"]?.stringValue else { throw RadarError.badRequest("entry is required and must be a string.") }
        return (list, entry)
    }
}
