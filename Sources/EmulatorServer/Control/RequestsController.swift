import EmulatorCore
import Hummingbird

/// `/_emulator/requests`: the key's environment's request journal, newest first.
struct RequestsController: Sendable {
    let journal: RequestJournal

    func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.get("requests", use: list)
        control.delete("requests", use: clear)
    }

    /// Filters: `method`, `path` (a prefix), `status`; `limit` (default 100, at most the journal's size).
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let limit = try query.int("limit") ?? 100
        guard (1...journal.capacity).contains(limit) else {
            throw APIError.invalidParameter("limit", code: "invalid_value", "limit must be between 1 and \(journal.capacity).")
        }
        let method = query.string("method")?.uppercased()
        let path = query.string("path")
        let status = try query.int("status")
        let entries = journal.entries(of: try context.env().id).lazy.filter { entry in
            (method == nil || entry.method == method) && (path.map(entry.path.hasPrefix) ?? true)
                && (status == nil || entry.status == status)
        }.prefix(limit)
        return .json(["object": "list", "data": .array(entries.map(\.wire))])
    }

    @Sendable func clear(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        journal.clear(try context.env().id)
        return .noContent
    }
}
