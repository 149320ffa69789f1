import EmulatorCore
import EmulatorTesting
import Testing

/// SCIM requests are journaled and can be given faults, like API requests.
@Suite struct SCIMJournalTests {
    @Test func scimRequestsAreJournaledWithoutTheirToken() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            #expect(try await directory.scim(api, .post, "/Users", SCIMUsersTests.alice).status == .created)
            #expect(try await directory.scim(api, .get, "/Users/directory_user_01NOPE").status == .notFound)

            let entries = try #require(try await api.get("/_emulator/requests").json["data"]?.arrayValue)
            let scim = entries.filter { $0["path"]?.stringValue?.hasPrefix(directory.scimPath) == true }
            #expect(scim.map { $0["method"] } == ["GET", "POST"])
            #expect(scim.map { $0["status"] } == [404, 201])
            #expect(scim.first?["response_body"]?["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"])
            #expect(scim.last?["request_body"]?["password"] == "[redacted]")
            let secret = try #require(directory.token.split(separator: ".").last.map(String.init))
            #expect(!(try await api.get("/_emulator/requests").text.contains(secret)))
        }
    }

    @Test func faultsApplyToSCIMRoutes() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let fault = try await api.post("/_emulator/faults", [
                "method": "POST", "path": "/scim/v2/*/Users", "status": 503, "count": 1,
            ])
            #expect(fault.status == .created)
            let failed = try await directory.scim(api, .post, "/Users", SCIMUsersTests.alice)
            #expect(failed.status == .serviceUnavailable)
            #expect(failed.headers[.contentType] == "application/scim+json")
            #expect(failed.json["status"] == "503")
            #expect(failed.json["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"])
            // Nothing was provisioned, and the retry goes through.
            #expect(try await api.get("/directory_users?directory=\(directory.id)").json["data"] == [])
            #expect(try await directory.scim(api, .post, "/Users", SCIMUsersTests.alice).status == .created)

            let journal = try #require(try await api.get("/_emulator/requests").json["data"]?.arrayValue)
            let faulted = journal.filter { $0["fault_id"] != .null }
            #expect(faulted.map { $0["fault_id"] } == [fault.json["id"]])
        }
    }
}
