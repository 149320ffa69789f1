import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct JWTTemplateTests {
    static let template = """
        {
          "urn:myapp:full_name": "{{ user.first_name || 'Someone' }} {{ user.last_name }}",
          "urn:myapp:email": {{ user.email }},
          "urn:myapp:tier": "{{ organization.metadata.tier || 'bronze' }}",
          "urn:myapp:language": {{ user.metadata.language || "en" }},
          "urn:myapp:nickname": {{ user.metadata.nickname || user.email }},
          "urn:myapp:domain": "{{ organization.domains.0.domain }}",
          "urn:myapp:role": {{ organization_membership.role.slug }},
          "urn:myapp:org_metadata": {{ organization.metadata }},
          "urn:myapp:missing": {{ user.metadata.absent }},
          "aud": "my-app",
          "org_id": "not-this"
        }
        """

    @Test func everyTokenCarriesTheTemplatesClaims() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.get("/user_management/jwt_template").status == .notFound)
            let saved = try await api.put("/user_management/jwt_template", ["content": .string(Self.template)])
            #expect(saved.status == .ok && saved.json["object"] == "jwt_template")
            #expect(saved.json["content"] == .string(Self.template))
            #expect(try await api.get("/user_management/jwt_template").json == saved.json)

            let user = try await api.user("ann@example.com")
            let userID = try #require(user["id"]?.stringValue)
            try await api.put("/user_management/users/\(userID)", ["first_name": "Ann", "metadata": ["language": "es"]])
            let organization = try #require(try await api.post("/organizations", [
                "name": "Acme", "metadata": ["tier": "gold"],
                "domain_data": [["domain": "acme.com", "state": "verified"]],
            ]).json["id"]?.stringValue)
            try await api.member(user["id"], of: organization, role: "admin")

            let signedIn = try await api.password("ann@example.com").json
            let claims = try await api.verifiedClaims(signedIn["access_token"]?.stringValue)
            // A null in a string is empty, and the string is trimmed; a null value drops its key.
            #expect(claims["urn:myapp:full_name"] == "Ann")
            #expect(claims["urn:myapp:email"] == "ann@example.com")
            #expect(claims["urn:myapp:tier"] == "gold")
            #expect(claims["urn:myapp:language"] == "es")
            #expect(claims["urn:myapp:nickname"] == "ann@example.com")
            #expect(claims["urn:myapp:domain"] == "acme.com")
            #expect(claims["urn:myapp:role"] == "admin")
            #expect(claims["urn:myapp:org_metadata"] == ["tier": "gold"])
            #expect(claims.objectValue?.keys.contains("urn:myapp:missing") == false)
            #expect(claims["aud"] == "my-app")
            // The emulator's own claims win over the template's.
            #expect(claims["org_id"] == .string(organization) && claims["sub"] == .string(userID))

            // A refresh renders the template again, with what changed since.
            try await api.put("/user_management/users/\(userID)", ["metadata": ["language": "de"]])
            let refreshed = try await api.authenticate("refresh_token", ["refresh_token": signedIn["refresh_token"] ?? .null])
            let again = try await api.verifiedClaims(refreshed.json["access_token"]?.stringValue)
            #expect(again["urn:myapp:language"] == "de")
        }
    }

    @Test func outsideAnOrganizationItsVariablesAreNull() async throws {
        try await TestEmulator.run { api in
            try await api.put("/user_management/jwt_template", ["content": """
                {"tier": "{{ organization.metadata.tier || 'none' }}", "org": {{ organization.name }}, "e": {{ user.email }}}
                """])
            try await api.user("bob@example.com")
            let claims = try await api.verifiedClaims(try await api.password("bob@example.com").json["access_token"]?.stringValue)
            #expect(claims["tier"] == "none" && claims["e"] == "bob@example.com" && claims["org"] == nil)
        }
    }

    @Test func invalidTemplatesAreRefused() async throws {
        try await TestEmulator.run { api in
            let cases: [(String, String)] = [
                (#"{ "iss": {{ user.email }} }"#, "Keys reserved"),
                (#"{ "jti": "x", "a": 1 }"#, "Keys reserved"),
                (#"[ {{ user.email }} ]"#, "at least one explicitly defined top-level key"),
                (#"{}"#, "at least one explicitly defined top-level key"),
                (#"{ "user": "{{ user.metadata }}" }"#, "cannot contain object reference"),
                (#"{ "a": {{ user.email && user user }} }"#, "Invalid expression segment"),
                (#"{ "a": {{ user.email || || user.email }} }"#, "Invalid expression segment"),
                (#"{ "a": {{ user.id }"#, "missing '}}'"),
                (#"{ "a": {{}} }"#, "Expression cannot be empty"),
                (#"{ "a": {{ unknown.variable }} }"#, #"Invalid path: "unknown.variable""#),
                (#"{ "a": {{ user.email }} "b": 1 }"#, "not valid JSON"),
            ]
            for (content, message) in cases {
                let refused = try await api.put("/user_management/jwt_template", ["content": .string(content)])
                #expect(refused.status == .unprocessableContent, "\(content)")
                #expect(refused.json["code"] == "invalid_request_parameters", "\(content)")
                #expect(refused.json["message"]?.stringValue?.contains(message) == true, "\(content): \(refused.text)")
            }
            #expect(try await api.put("/user_management/jwt_template", [:]).status == .unprocessableContent)
            // Nothing refused was saved.
            #expect(try await api.get("/user_management/jwt_template").status == .notFound)
        }
    }
}
