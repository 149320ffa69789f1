import EmulatorCore

/// The body of the two group `PATCH` operations (role assignments, members): `add` and `remove`,
/// between 1 and 100 entries together, applied in one transaction. What is already there is not added
/// again and what is not there is not removed; an entry in both lists is refused.
struct GroupChangeLists {
    let add: [JSON]
    let remove: [JSON]

    static let maxEntries = 100

    static func read(_ body: JSONBody) throws -> GroupChangeLists {
        let lists = GroupChangeLists(add: try body.array("add") ?? [], remove: try body.array("remove") ?? [])
        let count = lists.add.count + lists.remove.count
        guard count > 0 else {
            throw APIError.invalidParameter("add", code: "required", "add and remove must hold at least one entry between them.")
        }
        guard count <= maxEntries else {
            throw APIError.invalidParameter("add", code: "too_long",
                                            "add and remove may hold at most \(maxEntries) entries between them.")
        }
        return lists
    }

    /// 422 when an entry, once resolved, is both added and removed.
    static func rejectOverlap<Entry: Equatable>(_ add: [Entry], _ remove: [Entry], describe: (Entry) -> String) throws {
        guard let both = add.first(where: remove.contains) else { return }
        throw APIError.invalidParameter("remove", code: "invalid_value", "\(describe(both)) is both in add and in remove.")
    }
}
