import EmulatorCore
import EmulatorTesting
import HTTPTypes
import Testing

@Suite struct SCIMDiscoveryTests {
    @Test func discoveryEndpointsDescribeTheServiceProvider() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let config = try await directory.scim(api, .get, "/ServiceProviderConfig").json
            #expect(config["patch"]?["supported"] == true)
            #expect(config["bulk"]?["supported"] == false)
            #expect(config["filter"]?["supported"] == true)

            let types = try await directory.scim(api, .get, "/ResourceTypes").json
            #expect(types["Resources"]?.arrayValue?.map { $0["endpoint"] } == ["/Users", "/Groups"])
            #expect(try await directory.scim(api, .get, "/ResourceTypes/User").json["schema"] == "urn:ietf:params:scim:schemas:core:2.0:User")

            let schemas = try await directory.scim(api, .get, "/Schemas").json
            #expect(schemas["totalResults"] == 3)
            let user = try await directory.scim(api, .get, "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").json
            let userName = user["attributes"]?.arrayValue?.first { $0["name"] == "userName" }
            #expect(userName?["required"] == true && userName?["uniqueness"] == "server")

            #expect(try await directory.scim(api, .get, "/Schemas/urn:nope").status == .notFound)
            #expect(try await directory.scim(api, .get, "/ResourceTypes/Nope").status == .notFound)
            for method: HTTPRequest.Method in [.post, .put, .patch, .delete] {
                let refused = try await directory.scim(api, method, "/ServiceProviderConfig")
                #expect(refused.status == .methodNotAllowed && refused.json["status"] == "405")
            }
            let unknown = try await directory.scim(api, .get, "/Nothing/here")
            #expect(unknown.status == .notFound && unknown.json["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"])
            #expect(try await directory.scim(api, .post, "/Bulk", [:]).status == .notImplemented)
        }
    }

    @Test func anUnlinkedDirectoryLinksAtItsFirstSCIMRequest() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api, state: "unlinked")
            #expect(try await DirectoryFixture.events(api, "dsync.activated").isEmpty)
            #expect(try await api.get("/directories/\(directory.id)").json["state"] == "unlinked")
            try await directory.scim(api, .get, "/Users")
            #expect(try await api.get("/directories/\(directory.id)").json["state"] == "linked")
            let activated = try await DirectoryFixture.events(api, "dsync.activated")
            #expect(activated.count == 1)
            #expect(activated.first?["state"] == "active")
            #expect(activated.first?["domains"]?.arrayValue?.first?["domain"] == "acme.com")
        }
    }

    @Test func tokensFindTheirEnvironment() async throws {
        try await TestEmulator.run { api in
            let other = try await api.newEnvironment()
            let mine = try await DirectoryFixture.make(api)
            let theirs = try await DirectoryFixture.make(other)
            #expect(try await mine.scim(api, .get, "/Users").status == .ok)
            #expect(try await theirs.scim(api, .get, "/Users").status == .ok)
            #expect(try await mine.scim(api, .get, "/Users", token: theirs.token).status == .unauthorized)
        }
    }
}
