import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// `/connect/applications`: OAuth and M2M applications, found by ID or client ID.
@Suite struct ApplicationsTests {
    @Test func anOAuthApplicationHasItsRedirectURIsWithOneDefault() async throws {
        try await TestEmulator.run { api in
            let app = try await api.application([
                "application_type": "oauth", "name": " Dashboard ", "is_first_party": true, "description": "Ours",
                "scopes": ["openid", "profile"], "uses_pkce": true,
                "redirect_uris": [["uri": "https://app.example.com/callback"], ["uri": "myapp://callback", "default": nil]],
            ])
            #expect(try app.id.hasPrefix("conn_app_") && app["client_id"]?.stringValue?.hasPrefix("client_") == true)
            #expect(app["object"] == "connect_application" && app["application_type"] == "oauth")
            #expect(app["name"] == "Dashboard" && app["description"] == "Ours" && app["scopes"] == ["openid", "profile"])
            #expect(app["uses_pkce"] == true && app["is_first_party"] == true && app["was_dynamically_registered"] == false)
            #expect(app["organization_id"] == .null)
            let uris = try #require(app["redirect_uris"]?.arrayValue)
            #expect(uris.map { $0["uri"] } == ["https://app.example.com/callback", "myapp://callback"])
            #expect(uris.map { $0["default"] } == [true, false])
            #expect(app["created_at"] == app["updated_at"])

            #expect(try await api.get("/connect/applications/\(try app.id)").json == app)
            #expect(try await api.get("/connect/applications/\(try #require(app["client_id"]?.stringValue))").json == app)
            #expect(try await api.get("/connect/applications/conn_app_missing").status == .notFound)
        }
    }

    @Test func thirdPartyAndM2MApplicationsBelongToAnOrganization() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let partner = try await api.application([
                "application_type": "oauth", "name": "Partner", "is_first_party": false, "organization_id": .string(acme),
                "redirect_uris": [["uri": "https://partner.example.com/cb", "default": true]],
            ])
            #expect(partner["organization_id"] == .string(acme) && partner["is_first_party"] == false)
            #expect(partner["uses_pkce"] == false && partner["scopes"] == [] && partner["description"] == .null)
            let service = try await api.application(["application_type": "m2m", "name": "Billing", "organization_id": .string(acme),
                                                     "scopes": ["invoices:read"]])
            #expect(service["application_type"] == "m2m" && service["organization_id"] == .string(acme))
            #expect(service["scopes"] == ["invoices:read"])
            for key in ["redirect_uris", "uses_pkce", "is_first_party"] { #expect(service[key] == nil, "\(key)") }

            let missing = try await api.post("/connect/applications", ["application_type": "m2m", "name": "x", "organization_id": "org_missing"])
            #expect(missing.status == .notFound && missing.json["message"] == "Organization not found: 'org_missing'.")
        }
    }

    /// The fields a refused creation names.
    private func refused(_ body: JSON, by api: APIClient) async throws -> [String] {
        let answer = try await api.post("/connect/applications", body)
        #expect(answer.status == .unprocessableContent, "\(answer.text)")
        #expect(answer.json["code"] == "invalid_request_parameters")
        return answer.json.errorFields
    }

    @Test func badBodiesNameEveryField() async throws {
        try await TestEmulator.run { api async throws in
            #expect(try await refused([:], by: api) == ["application_type", "name"])
            #expect(try await refused(["application_type": "saml", "name": "x"], by: api) == ["application_type"])
            #expect(try await refused(["application_type": "oauth", "name": "x"], by: api) == ["is_first_party"])
            #expect(try await refused(["application_type": "oauth", "name": "x", "is_first_party": false], by: api) == ["organization_id"])
            #expect(try await refused(["application_type": "m2m", "name": ""], by: api) == ["name", "organization_id"])
            #expect(try await refused(["application_type": "m2m", "name": "x", "organization_id": "org_1",
                                       "redirect_uris": [["uri": "https://a.example/cb"]]], by: api) == ["redirect_uris"])
            #expect(try await refused(["application_type": "oauth", "name": "x", "is_first_party": true, "scopes": "openid"], by: api) == ["scopes"])
            #expect(try await refused(["application_type": "oauth", "name": "x", "is_first_party": true, "redirect_uris": [
                ["uri": "https://a.example/cb", "default": true], ["uri": "https://b.example/cb", "default": true],
                ["uri": "not a uri"], ["default": true], ["uri": "https://a.example/cb"],
            ]], by: api) == ["redirect_uris[2].uri", "redirect_uris[3].uri", "redirect_uris[4].uri", "redirect_uris"])
            #expect(try await api.get("/connect/applications").json.ids.isEmpty)
        }
    }

    @Test func listsFilterByOrganizationAndRegistrationType() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization("Acme")
            let first = try await api.application(["application_type": "oauth", "name": "One", "is_first_party": true]).id
            let second = try await api.application(["application_type": "m2m", "name": "Two", "organization_id": .string(acme)]).id
            let third = try await api.application(["application_type": "oauth", "name": "Three", "is_first_party": false,
                                                   "organization_id": .string(acme)]).id
            #expect(try await api.get("/connect/applications").json.ids == [third, second, first])
            #expect(try await api.get("/connect/applications?organization_id=\(acme)").json.ids == [third, second])
            let page = try await api.get("/connect/applications?limit=2&order=asc").json
            #expect(page.ids == [first, second])
            let after = try #require(page["list_metadata"]?["after"]?.stringValue)
            #expect(try await api.get("/connect/applications?limit=2&order=asc&after=\(after)").json.ids == [third])
            #expect(try await api.get("/connect/applications?registration_types=authenticated,dynamic").json.ids.count == 3)
            #expect(try await api.get("/connect/applications?registration_types=dynamic").json.ids.isEmpty)
            #expect(try await api.get("/connect/applications?registration_types=public").status == .unprocessableContent)
        }
    }

    @Test func updatesChangeWhatTheyNameAndNullClears() async throws {
        try await TestEmulator.run { api in
            #expect(try await api.post("/_emulator/clock", ["frozen": true]).status == .ok)
            let app = try await api.application([
                "application_type": "oauth", "name": "Dashboard", "is_first_party": true, "description": "Ours",
                "scopes": ["openid"], "redirect_uris": [["uri": "https://app.example.com/callback"]],
            ])
            let id = try app.id
            #expect(try await api.put("/connect/applications/\(id)", [:]).json == app)
            #expect(try await api.post("/_emulator/clock", ["advance_seconds": 5]).status == .ok)
            let renamed = try await api.put("/connect/applications/\(id)", [
                "name": "Console", "redirect_uris": [["uri": "https://a.example/cb"], ["uri": "https://b.example/cb", "default": true]],
            ])
            #expect(renamed.status == .ok && renamed.json["name"] == "Console" && renamed.json["description"] == "Ours")
            #expect(renamed.json["redirect_uris"]?.arrayValue?.map { $0["default"] } == [false, true])
            #expect(renamed.json["updated_at"] != app["updated_at"] && renamed.json["created_at"] == app["created_at"])
            let cleared = try await api.put("/connect/applications/\(id)", ["description": nil, "scopes": nil, "redirect_uris": nil])
            #expect(cleared.json["description"] == .null && cleared.json["scopes"] == [] && cleared.json["redirect_uris"] == [])
            #expect(try await api.get("/connect/applications/\(id)").json == cleared.json)

            let acme = try await api.organization()
            let service = try await api.application(["application_type": "m2m", "name": "Billing", "organization_id": .string(acme)])
            let refused = try await api.put("/connect/applications/\(try service.id)", ["redirect_uris": [["uri": "https://a.example/cb"]]])
            #expect(refused.status == .unprocessableContent && refused.json.errorFields == ["redirect_uris"])
            #expect(try await api.put("/connect/applications/\(try service.id)", ["name": ""]).status == .unprocessableContent)
            #expect(try await api.put("/connect/applications/conn_app_missing", ["name": "x"]).status == .notFound)
        }
    }

    @Test func applicationsGoWhenDeletedOrWithTheirOrganization() async throws {
        try await TestEmulator.run { api in
            let acme = try await api.organization()
            let first = try await api.application(["application_type": "oauth", "name": "One", "is_first_party": true])
            let service = try await api.application(["application_type": "m2m", "name": "Two", "organization_id": .string(acme)])
            #expect(try await api.delete("/connect/applications/\(try #require(first["client_id"]?.stringValue))").status == .noContent)
            #expect(try await api.get("/connect/applications/\(try first.id)").status == .notFound)
            #expect(try await api.delete("/connect/applications/\(try first.id)").status == .notFound)
            #expect(try await api.delete("/organizations/\(acme)").status == .accepted)
            #expect(try await api.get("/connect/applications/\(try service.id)").status == .notFound)
            #expect(try await api.get("/connect/applications").json.ids.isEmpty)
        }
    }
}
