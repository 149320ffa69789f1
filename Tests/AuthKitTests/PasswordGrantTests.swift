import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct PasswordGrantTests {
    @Test func aSessionWithAVerifiableAccessToken() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com")
            let response = try await api.password("ann@example.com")
            #expect(response.status == .ok)
            let body = response.json
            #expect(body["user"]?["id"] == user["id"] && body["authentication_method"] == "Password")
            #expect(body["user"]?["last_sign_in_at"]?.stringValue != nil && body["organization_id"] == nil)
            let claims = try await api.verifiedClaims(body["access_token"]?.stringValue)
            #expect(claims["sub"] == user["id"] && claims["sid"]?.stringValue?.hasPrefix("session_") == true)
            #expect(claims["iss"]?.stringValue?.hasPrefix("http://") == true && claims["jti"]?.stringValue?.count == 26)
            let issuedAt = try #require(claims["iat"]?.intValue)
            #expect(claims["exp"]?.intValue == issuedAt + 300 && claims["org_id"] == nil)
            #expect(body["refresh_token"]?.stringValue?.isEmpty == false)
            #expect(try await api.events() == ["user.created", "authentication.password_succeeded", "session.created"])
            let event = try #require(try await api.lastEvent("authentication.password_succeeded"))
            #expect(event["type"] == "password" && event["status"] == "succeeded" && event["email"] == "ann@example.com")
        }
    }

    @Test func wrongCredentialsAreCodedAndLogged() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            for (email, password) in [("ann@example.com", "wrong-horse-1"), ("nobody@example.com", "correct-horse-9")] {
                let response = try await api.password(email, password)
                #expect(response.status == .badRequest && response.json["code"] == "invalid_credentials")
            }
            #expect(try await api.events("authentication.") == ["authentication.password_failed", "authentication.password_failed"])
            let failed = try #require(try await api.lastEvent("authentication.password_failed"))
            #expect(failed["error"]?["code"] == "invalid_credentials" && failed["status"] == "failed")
        }
    }

    @Test func theClientMustProveItself() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let fields: JSONObject = ["email": "ann@example.com", "password": "correct-horse-9", "grant_type": "password"]
            let anonymous = api.with(apiKey: nil)
            var body = fields
            body["client_id"] = .string(try api.clientID)
            let noSecret = try await anonymous.post("/user_management/authenticate", .object(body))
            #expect(noSecret.status == .badRequest && noSecret.json["error"] == "invalid_client")
            body["client_secret"] = "sk_test_wrong"
            #expect(try await anonymous.post("/user_management/authenticate", .object(body)).json["error"] == "invalid_client")
            body["client_id"] = "client_unknown"
            #expect(try await anonymous.post("/user_management/authenticate", .object(body)).json["error"] == "invalid_client")
            var noClient = fields
            noClient["client_secret"] = .string(api.apiKey ?? "")
            #expect(try await anonymous.post("/user_management/authenticate", .object(noClient)).json["error"] == "invalid_request")
            // With the key as bearer, the body's secret may be left out.
            body["client_id"] = .string(try api.clientID)
            body["client_secret"] = nil
            #expect(try await api.post("/user_management/authenticate", .object(body)).status == .ok)
        }
    }

    @Test func malformedRequests() async throws {
        try await TestEmulator.run { api in
            let missing = try await api.authenticate("password", ["email": "ann@example.com"])
            #expect(missing.status == .unprocessableContent && missing.json["code"] == "invalid_request_parameters")
            let unsupported = try await api.authenticate("urn:example:nothing", [:])
            #expect(unsupported.status == .badRequest && unsupported.json["error"] == "unsupported_grant_type")
            let noGrant = try await api.post("/user_management/authenticate", ["client_id": .string(try api.clientID)])
            #expect(noGrant.json["error"] == "invalid_request")
            let notJSON = try await api.send(.post, "/user_management/authenticate", body: "{", headers: [.contentType: "application/json"])
            #expect(notJSON.status == .badRequest)
        }
    }
}

@Suite struct FormEncodedAuthenticateTests {
    @Test func aFormPostIsReadLikeJSON() async throws {
        try await TestEmulator.run { api in
            try await api.user("ann@example.com")
            let form = "grant_type=password&client_id=\(try api.clientID)&client_secret=\(api.apiKey ?? "")"
                + "&email=ann%40example.com&password=correct-horse-9"
            let response = try await api.send(.post, "/user_management/authenticate", body: form,
                                              headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(response.status == .ok && response.json["user"]?["email"] == "ann@example.com")
        }
    }
}
