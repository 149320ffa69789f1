import EmulatorCore
import GRDB
import Hummingbird

/// `/user_management/waitlists` and `/user_management/waitlist_entries`: read waitlists, add an address
/// to one, list its entries, and approve, deny or delete an entry.
public struct WaitlistsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("user_management/waitlists", use: list)
        api.get("user_management/waitlists/:id", use: get)
        api.get("user_management/waitlists/:id/entries", use: listEntries)
        api.post("user_management/waitlists/:id/entries", use: createEntry)
        api.post("user_management/waitlist_entries/:id/approve", use: approve)
        api.post("user_management/waitlist_entries/:id/deny", use: deny)
        api.delete("user_management/waitlist_entries/:id", use: deleteEntry)
    }

    /// Every waitlist in one answer: WorkOS documents this list as unpaginated, its cursors always null.
    /// The list parameters are still checked, and `order` still orders.
    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = try ListQuery(QueryParameters(request))
        let waitlists = try await context.env().read { db in
            try WaitlistRecord.order(query.order == .asc ? Column("id").asc : Column("id").desc).fetchAll(db)
        }
        return .json(Page(data: waitlists, before: nil, after: nil).wire(\.wire))
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try WaitlistRecord.find(id, in: db).wire })
    }

    @Sendable func listEntries(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let state = try query.string("state").map { text in
            guard let parsed = WaitlistEntryRecord.State(rawValue: text) else {
                let states = WaitlistEntryRecord.State.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.invalidParameter("state", code: "invalid_value", "state must be one of \(states).")
            }
            return parsed
        }
        let email = query.string("email").map { EmailAddress.normalize($0) ?? $0.lowercased() }
        let page = try await context.env().read { db in
            let waitlist = try WaitlistRecord.find(id, in: db)
            var entries = WaitlistEntryRecord.filter(Column("waitlist_id") == waitlist.id)
            if let state { entries = entries.filter(Column("state") == state.rawValue) }
            if let email { entries = entries.filter(Column("email") == email) }
            return try entries.page(list, in: db)
        }
        return .json(page.wire(\.wire))
    }

    /// 201 whether the address is new or already waiting (then its entry is answered unchanged).
    @Sendable func createEntry(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let new = try NewWaitlistEntry(body: try await JSONBody.read(request))
        let entry = try await context.env().write { tx in try new.create(on: id, in: tx) }
        return .json(entry.wire, status: .created)
    }

    @Sendable func approve(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let baseURL = request.emulatorBaseURL
        return .json(try await context.env().write { tx in
            var entry = try WaitlistEntryRecord.find(id, in: tx.db)
            try entry.approve(baseURL: baseURL, in: tx)
            return entry.wire
        })
    }

    @Sendable func deny(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().write { tx in
            var entry = try WaitlistEntryRecord.find(id, in: tx.db)
            try entry.deny(in: tx)
            return entry.wire
        })
    }

    /// Removes the entry, so the address can join again; an invitation its approval made stays.
    @Sendable func deleteEntry(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await context.env().write { tx in _ = try WaitlistEntryRecord.find(id, in: tx.db).delete(tx.db) }
        return .noContent
    }
}
