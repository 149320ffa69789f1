import EmulatorCore
import EmulatorTesting
import Hummingbird
import Testing

@Suite struct ErrorsAndHeadersTests {
    @Test func unknownRouteIsNotEmulatedByName() async throws {
        try await TestEmulator.run { api in
            let response = try await api.get("/no/such/route")
            #expect(response.status == .notFound)
            #expect(response.json["code"] == "not_emulated")
            #expect(response.json["message"] == "GET /no/such/route is not emulated")
            let wrongMethod = try await api.request(.patch, "/organizations")
            #expect(wrongMethod.json["code"] == "not_emulated")
        }
    }

    @Test func missingOrUnknownKeyIs401() async throws {
        try await TestEmulator.run { api in
            for client in [api.with(apiKey: nil), api.with(apiKey: "sk_test_nobody")] {
                let response = try await client.get("/organizations")
                #expect(response.status == .unauthorized)
                #expect(response.json["code"] == "unauthorized")
                #expect(response.json["message"]?.stringValue?.isEmpty == false)
            }
        }
    }

    @Test func anOversizeBodyIsA413NamingItsCodeOnEveryRouteGroup() async throws {
        try await TestEmulator.run { api in
            let huge = String(repeating: "x", count: 5 << 20)
            // An API route (read by the journal first), and a browser route whose environment the middleware
            // looks for in the body.
            let onAPI = try await api.post("/organizations", ["name": .string(huge)])
            let onBrowser = try await api.with(apiKey: nil).send(
                .post, "/sso/token", body: "client_id=\(huge)",
                headers: [.contentType: "application/x-www-form-urlencoded"])
            for response in [onAPI, onBrowser] {
                #expect(response.status == .contentTooLarge)
                #expect(response.json["code"] == "request_too_large")
            }
        }
    }

    @Test func everyResponseCarriesARequestID() async throws {
        try await TestEmulator.run { api in
            let ok = try await api.get("/_emulator/health")
            let missing = try await api.get("/organizations/org_missing")
            let unauthorized = try await api.with(apiKey: nil).get("/organizations")
            let ids = [ok, missing, unauthorized].map { $0.headers[.init("X-Request-ID")!] }
            #expect(ids.allSatisfy { $0 != nil && !$0!.isEmpty })
            #expect(Set(ids).count == 3)
        }
    }

    @Test func notFoundIsWorkOSWorded() async throws {
        try await TestEmulator.run { api in
            let response = try await api.get("/organizations/org_01HZZZZZZZZZZZZZZZZZZZZZZZ")
            #expect(response.status == .notFound)
            #expect(response.json["message"] == "Organization not found: 'org_01HZZZZZZZZZZZZZZZZZZZZZZZ'.")
        }
    }

    @Test func malformedBodiesAre4xxNamingTheField() async throws {
        try await TestEmulator.run { api in
            let malformed = try await api.request(.post, "/organizations", headers: [:])
            #expect(malformed.status == .unprocessableContent)  // empty body: name is required
            #expect(malformed.json["errors"]?.arrayValue?.first?["field"] == "name")

            let wrongType = try await api.post("/organizations", ["name": "Acme", "allow_profiles_outside_organization": "yes"])
            #expect(wrongType.status == .unprocessableContent)
            #expect(wrongType.json["errors"]?.arrayValue?.first?["field"] == "allow_profiles_outside_organization")

            let notAnObject = try await api.post("/organizations", ["name", "Acme"])
            #expect(notAnObject.status == .badRequest)
            #expect(notAnObject.json["code"] == "invalid_json")
        }
    }

    @Test func bodylessRequestsWithJSONContentTypeAreFine() async throws {
        try await TestEmulator.run { api in
            // APIClient always sends Content-Type: application/json, as the SDKs do.
            let created = try await api.post("/organizations", ["name": "Acme"])
            let id = try #require(created.json["id"]?.stringValue)
            #expect(try await api.get("/organizations/\(id)").status == .ok)
            #expect(try await api.delete("/organizations/\(id)").status == .accepted)
        }
    }
}
