import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct PaginationTests {
    /// Creates `count` organizations named 0…count-1 in creation order; returns their IDs in that order.
    private func seed(_ api: APIClient, _ count: Int) async throws -> [String] {
        var ids: [String] = []
        for index in 0..<count {
            let created = try await api.post("/organizations", ["name": .string("Org \(index)")])
            ids.append(try #require(created.json["id"]?.stringValue))
        }
        return ids
    }

    /// Follows one cursor until it runs out, collecting IDs page by page.
    private func walk(_ api: APIClient, _ query: String, cursor: String) async throws -> [String] {
        var seen: [String] = []
        var next: String? = nil
        repeat {
            let suffix = next.map { "&\(cursor)=\($0)" } ?? ""
            let page = try await api.get("/organizations?\(query)\(suffix)")
            #expect(page.json["object"] == "list")
            seen += page.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            next = page.json["list_metadata"]?[cursor]?.stringValue
        } while next != nil
        return seen
    }

    @Test func descendingIsTheDefaultAndAfterWalksToTheEnd() async throws {
        try await TestEmulator.run { api in
            let ids = try await seed(api, 25)
            let first = try await api.get("/organizations")
            #expect(first.json["data"]?.arrayValue?.count == 10)
            #expect(first.json["list_metadata"]?["before"] == .null)
            #expect(try await walk(api, "limit=7", cursor: "after") == ids.reversed())
        }
    }

    @Test func ascendingWalksForward() async throws {
        try await TestEmulator.run { api in
            let ids = try await seed(api, 12)
            #expect(try await walk(api, "order=asc&limit=5", cursor: "after") == ids)
        }
    }

    @Test func beforeReturnsThePageJustBeforeTheCursor() async throws {
        try await TestEmulator.run { api in
            let ids = Array(try await seed(api, 12).reversed())  // display order, newest first
            let page = try await api.get("/organizations?limit=3&before=\(ids[8])")
            #expect(page.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == Array(ids[5..<8]))
            #expect(page.json["list_metadata"]?["before"]?.stringValue == ids[5])
            #expect(page.json["list_metadata"]?["after"]?.stringValue == ids[7])

            let top = try await api.get("/organizations?limit=3&before=\(ids[2])")
            #expect(top.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == Array(ids[0..<2]))
            #expect(top.json["list_metadata"]?["before"] == .null)
        }
    }

    @Test func normalOrderReversesTheCursors() async throws {
        try await TestEmulator.run { api in
            let ids = Array(try await seed(api, 9).reversed())
            // `normal`: newest first, `before` reaches older records.
            #expect(try await walk(api, "order=normal&limit=4", cursor: "before") == ids)
            let newer = try await api.get("/organizations?order=normal&limit=2&after=\(ids[5])")
            #expect(newer.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == Array(ids[3..<5]))
        }
    }

    @Test func aCursorOfADeletedObjectStillWorks() async throws {
        try await TestEmulator.run { api in
            let ids = Array(try await seed(api, 6).reversed())
            #expect(try await api.delete("/organizations/\(ids[2])").status == .accepted)
            let page = try await api.get("/organizations?limit=10&after=\(ids[2])")
            #expect(page.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == Array(ids[3...]))
        }
    }

    @Test func badListParametersAre422() async throws {
        try await TestEmulator.run { api in
            for query in ["limit=0", "limit=101", "limit=ten", "order=sideways"] {
                let response = try await api.get("/organizations?\(query)")
                #expect(response.status == .unprocessableContent, "\(query)")
                #expect(response.json["errors"]?.arrayValue?.isEmpty == false)
            }
        }
    }
}
