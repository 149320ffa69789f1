import EmulatorCore
import EmulatorTesting
import HTTPTypes
import Testing

@Suite struct CORSTests {
    @Test func loopbackAndRegisteredOriginsMayCallAuthenticate() async throws {
        try await TestEmulator.run { api in
            let preflight: HTTPFields = [.origin: "http://localhost:5173", .accessControlRequestMethod: "POST",
                                         .accessControlRequestHeaders: "content-type"]
            let allowed = try await api.send(.options, "/user_management/authenticate", body: "", headers: preflight)
            #expect(allowed.status == .noContent && allowed.headers[.accessControlAllowOrigin] == "http://localhost:5173")
            #expect(allowed.headers[.accessControlAllowHeaders] == "content-type")
            let foreign: HTTPFields = [.origin: "https://app.example.com", .accessControlRequestMethod: "POST"]
            let refused = try await api.send(.options, "/user_management/authenticate", body: "", headers: foreign)
            #expect(refused.status == .forbidden && refused.headers[.accessControlAllowOrigin] == nil)

            let created = try await api.post("/user_management/cors_origins", ["origin": "https://App.example.com"])
            #expect(created.status == .created && created.json["origin"] == "https://app.example.com")
            #expect(created.json["id"]?.stringValue?.hasPrefix("cors_origin_") == true)
            #expect(try await api.post("/user_management/cors_origins", ["origin": "https://app.example.com"]).json["code"]
                == "duplicate_cors_origin")
            #expect(try await api.post("/user_management/cors_origins", ["origin": "not an origin"]).status == .unprocessableContent)
            #expect(try await api.get("/user_management/cors_origins").json["data"]?.arrayValue?.count == 1)
            #expect(try await api.send(.options, "/user_management/authenticate", body: "", headers: foreign).status == .noContent)

            // The answer itself, error or not, carries the header.
            let failed = try await api.send(.post, "/user_management/authenticate", body: "{}",
                                            headers: [.origin: "https://app.example.com", .contentType: "application/json"])
            #expect(failed.status == .badRequest && failed.headers[.accessControlAllowOrigin] == "https://app.example.com")
        }
    }
}
