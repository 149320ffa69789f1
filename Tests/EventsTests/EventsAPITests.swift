import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

@Suite struct EventsAPITests {
    private func types(_ api: APIClient, _ query: String) async throws -> [String] {
        let listed = try await api.get("/events?\(query)")
        #expect(listed.status == .ok, "\(listed.text)")
        return listed.json["data"]?.arrayValue?.compactMap { $0["event"]?.stringValue } ?? []
    }

    @Test func theEventsFilterIsRequired() async throws {
        try await TestEmulator.run { api in
            let missing = try await api.get("/events")
            #expect(missing.status == .unprocessableContent)
            #expect(missing.json["message"]?.stringValue?.isEmpty == false)
            #expect(missing.json["errors"] == [["code": "required", "field": "events", "message": "events is required."]])
        }
    }

    @Test func listsTheLogByTypeOrganizationAndTime() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.post("/organizations", ["name": "Acme", "domains": ["acme.com"]]).json
            try api.clock.advance(by: 3600)
            let beta = try await api.post("/organizations", ["name": "Beta"]).json
            _ = try await api.put("/organizations/\(beta["id"]!.stringValue!)", ["name": "Beta Inc"])

            #expect(try await types(api, "events=organization.created") == ["organization.created", "organization.created"])
            #expect(try await types(api, "events=organization.created,organization.updated&order=asc")
                == ["organization.created", "organization.created", "organization.updated"])
            #expect(try await types(api, "events=organization.updated&events=organization_domain.created&order=asc")
                == ["organization_domain.created", "organization.updated"])
            #expect(try await types(api, "events[]=organization_domain.created") == ["organization_domain.created"])
            #expect(try await types(api, "events=organization.created,organization_domain.created&organization_id=\(acme["id"]!.stringValue!)")
                == ["organization_domain.created", "organization.created"])

            let start = Timestamp.format(Date().addingTimeInterval(1800))
            #expect(try await types(api, "events=organization.created&range_start=\(start)") == ["organization.created"])
            #expect(try await types(api, "events=organization.created&range_end=\(start)&range_start=2020-01-01T00:00:00Z")
                == ["organization.created"])
            let badDate = try await api.get("/events?events=organization.created&range_start=yesterday")
            #expect(badDate.status == .unprocessableContent)
            #expect(badDate.json["errors"]?.arrayValue?.first?["field"] == "range_start")
        }
    }

    @Test func pagesWithAfterAsTheSDKDoes() async throws {
        try await TestEmulator.run { api in
            for index in 0..<5 { _ = try await api.post("/organizations", ["name": .string("Org \(index)")]) }
            let first = try await api.get("/events?events=organization.created&limit=2&order=asc").json
            #expect(first["object"] == "list")
            let page = first["data"]?.arrayValue ?? []
            #expect(page.count == 2)
            #expect(page.first?["object"] == "event")
            #expect(page.first?["data"]?["name"] == "Org 0")
            let after = try #require(first["list_metadata"]?["after"]?.stringValue)
            #expect(after == page.last?["id"]?.stringValue)
            let second = try await api.get("/events?events=organization.created&limit=2&order=asc&after=\(after)").json
            #expect(second["data"]?.arrayValue?.map { $0["data"]?["name"] } == ["Org 2", "Org 3"])
        }
    }

    @Test func eventsOlderThanThirtyDaysAreGone() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/organizations", ["name": "Old"])
            try api.clock.advance(by: 31 * 86_400)
            _ = try await api.post("/organizations", ["name": "New"])
            let listed = try await api.get("/events?events=organization.created").json["data"]?.arrayValue ?? []
            #expect(listed.map { $0["data"]?["name"] } == ["New"])
        }
    }
}
