import EmulatorCore
import EmulatorTesting
import Testing

/// `/connections`: reading, filtering, creating, updating, deleting, and the states a connection moves
/// through with their events.
@Suite struct ConnectionsTests {
    @Test func aScenarioConnectionHasTheSDKShapeAndItsOrganizationsDomains() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let connection = try await world.api.get("/connections/\(try world.connectionID)")
            #expect(connection.status == .ok)
            let json = connection.json
            #expect(json["object"] == "connection")
            #expect(json["connection_type"] == "TestIdp")
            #expect(json["name"] == "Acme SSO")
            #expect(json["state"] == "active")
            #expect(json["status"] == "linked")
            #expect(json["organization_id"] == .string(try world.organizationID))
            let domains = json["domains"]?.arrayValue ?? []
            #expect(domains.map { $0["domain"] } == ["acme.com"])
            #expect(domains.allSatisfy { $0["object"] == "connection_domain" && $0["id"]?.stringValue?.hasPrefix("org_domain_") == true })
            for key in ["id", "created_at", "updated_at"] { #expect(json[key]?.stringValue != nil) }
            let activated = try await world.events("connection.activated")
            #expect(activated.count == 1)
            #expect(activated.first?.data["external_key"]?.stringValue?.isEmpty == false)
            #expect(activated.first?.organizationId == (try world.organizationID))
        }
    }

    @Test func listFiltersByTypeDomainOrganizationAndSearch() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api, [
                "organizations": [
                    "acme": ["name": "Acme", "domains": ["acme.com"]],
                    "globex": ["name": "Globex", "domains": ["globex.com", ["domain": "globex.dev", "state": "pending"]]],
                ],
                "connections": [
                    "acme_okta": ["organization": "acme", "type": "OktaSAML", "name": "Acme Okta"],
                    "globex_idp": ["organization": "globex", "name": "Globex IdP"],
                    "google": ["type": "GoogleOAuth"],
                ],
            ])
            func names(_ query: String) async throws -> [String] {
                let list = try await world.api.get("/connections\(query)")
                #expect(list.status == .ok)
                return (list.json["data"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            }
            #expect(try await names("") == ["GoogleOAuth", "Globex IdP", "Acme Okta"])
            #expect(try await names("?order=asc") == ["Acme Okta", "Globex IdP", "GoogleOAuth"])
            #expect(try await names("?connection_type=OktaSAML") == ["Acme Okta"])
            #expect(try await names("?domain=GLOBEX.com") == ["Globex IdP"])
            #expect(try await names("?domain=globex.dev").isEmpty)  // pending domains route nothing
            #expect(try await names("?domain=nobody.com").isEmpty)
            #expect(try await names("?organization_id=\(try world.id("organizations", "acme"))") == ["Acme Okta"])
            #expect(try await names("?search=okta") == ["Acme Okta"])
            let page = try await world.api.get("/connections?limit=2")
            #expect(page.json["list_metadata"]?["after"] != .null)
            let bad = try await world.api.get("/connections?connection_type=Nope")
            #expect(bad.status == .unprocessableContent)
        }
    }

    @Test func missingConnectionsAre404() async throws {
        try await TestEmulator.run { api in
            for response in [try await api.get("/connections/conn_missing"), try await api.delete("/connections/conn_missing"),
                             try await api.request(.patch, "/connections/conn_missing", json: ["name": "x"])] {
                #expect(response.status == .notFound)
                #expect(response.json["message"] == "Connection not found: 'conn_missing'.")
            }
        }
    }

    @Test func deleteRemovesItAndEmitsConnectionDeleted() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let id = try world.connectionID
            #expect(try await world.api.delete("/connections/\(id)").status == .noContent)
            #expect(try await world.api.get("/connections/\(id)").status == .notFound)
            let deleted = try await world.events("connection.deleted")
            #expect(deleted.map { $0.data["id"] } == [.string(id)])
            #expect(deleted.first?.data["domains"]?.arrayValue?.count == 1)
        }
    }

    @Test func deletingTheOrganizationDeletesItsConnections() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            #expect(try await world.api.delete("/organizations/\(try world.organizationID)").status == .accepted)
            #expect(try await world.api.get("/connections/\(try world.connectionID)").status == .notFound)
            let deleted = try await world.events("connection.deleted")
            #expect(deleted.count == 1)
            #expect(deleted.first?.data["domains"]?.arrayValue?.first?["domain"] == "acme.com")
        }
    }

    @Test func samlConnectionsStartAsDraftsUntilConfigured() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let created = try await world.api.post("/connections", [
                "organization_id": .string(try world.organizationID), "connection_type": "OktaSAML",
                "saml_options": ["idp_entity_id": "http://okta/acme"],
            ])
            #expect(created.status == .created)
            #expect(created.json["state"] == "draft")
            #expect(created.json["status"] == "unlinked")
            #expect(created.json["name"] == "Acme")  // the organization's name by default
            let id = try #require(created.json["id"]?.stringValue)

            let renamed = try await world.api.request(.patch, "/connections/\(id)", json: ["name": "Acme Okta"])
            #expect(renamed.json["name"] == "Acme Okta")
            #expect(renamed.json["state"] == "draft")

            let configured = try await world.api.request(.patch, "/connections/\(id)", json: [
                "saml_options": ["idp_metadata_url": "https://okta.example.com/metadata.xml"],
            ])
            #expect(configured.status == .ok)
            #expect(configured.json["state"] == "active")
            #expect(try await world.events("connection.activated").last?.data["id"] == .string(id))
        }
    }

    @Test func createdConfiguredConnectionsAreActive() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let org = JSON.string(try world.organizationID)
            let oidc = try await world.api.post("/connections", [
                "organization_id": org, "name": "Acme Entra",
                "oidc_options": ["discovery_endpoint": "https://login.example.com/.well-known/openid-configuration",
                                 "client_id": "abc", "client_secret": "s3cret"],
            ])
            #expect(oidc.status == .created)
            #expect(oidc.json["connection_type"] == "GenericOIDC")
            #expect(oidc.json["state"] == "active")

            let withoutSecret = try await world.api.post("/connections", [
                "organization_id": org, "connection_type": "EntraIdOIDC",
                "oidc_options": ["discovery_endpoint": "https://login.example.com/.well-known/openid-configuration", "client_id": "abc"],
            ])
            #expect(withoutSecret.json["state"] == "draft")
            let id = try #require(withoutSecret.json["id"]?.stringValue)
            let completed = try await world.api.request(.patch, "/connections/\(id)", json: ["oidc_options": ["client_secret": "s"]])
            #expect(completed.json["state"] == "active")
        }
    }

    @Test func anExternalIDMakesCreationRepeatable() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let body: JSON = [
                "organization_id": .string(try world.organizationID), "external_id": "acme-okta",
                "saml_options": ["idp_metadata_url": "https://okta.example.com/metadata.xml"],
            ]
            let first = try await world.api.post("/connections", body)
            let second = try await world.api.post("/connections", body)
            #expect(first.status == .created)
            #expect(second.status == .ok)
            #expect(first.json["id"] == second.json["id"])
        }
    }

    @Test func badCreationsAndUpdatesAreRejectedByField() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let org = JSON.string(try world.organizationID)
            func field(_ body: JSON) async throws -> JSON? {
                let response = try await world.api.post("/connections", body)
                #expect(response.status == .unprocessableContent, "\(body)")
                return response.json["errors"]?.arrayValue?.first?["field"]
            }
            #expect(try await field(["saml_options": [:]]) == "organization_id")
            #expect(try await field(["organization_id": org]) == "saml_options")
            #expect(try await field(["organization_id": org, "saml_options": [:], "oidc_options": ["client_id": "x"]]) == "oidc_options")
            #expect(try await field(["organization_id": org, "connection_type": "TestIdp", "saml_options": [:]]) == "connection_type")
            #expect(try await field(["organization_id": org, "connection_type": "OktaOIDC", "saml_options": [:]]) == "connection_type")
            #expect(try await field(["organization_id": org, "saml_options": ["idp_sso_url": "not a url"]]) == "saml_options.idp_sso_url")
            #expect(try await field(["organization_id": org, "saml_options": ["idp_metadata_url": "https://x.example/m", "idp_sso_url": "https://x.example/s"]]) == "saml_options.idp_metadata_url")
            #expect(try await field(["organization_id": org, "saml_options": ["idp_signing_certs": ["nope"]]]) == "saml_options.idp_signing_certs[0]")
            #expect(try await field(["organization_id": org, "saml_options": ["colour": "red"]]) == "saml_options.colour")
            #expect(try await field(["organization_id": org, "oidc_options": ["client_id": "x"]]) == "oidc_options.discovery_endpoint")
            #expect(try await field(["organization_id": org, "oidc_options": [
                "discovery_endpoint": "https://x.example/d", "client_id": "x", "token_authentication_method": "magic"]]) == "oidc_options.token_authentication_method")
            #expect(try await field(["organization_id": org, "saml_options": [:], "attribute_maps": ["standard_attributes": ["shoe_size": "s"]]]) == "attribute_maps.standard_attributes.shoe_size")

            let missingOrganization = try await world.api.post("/connections", ["organization_id": "org_missing", "saml_options": [:]])
            #expect(missingOrganization.status == .notFound)

            let id = try world.connectionID
            let retype = try await world.api.request(.patch, "/connections/\(id)", json: ["connection_type": "OktaSAML"])
            #expect(retype.status == .unprocessableContent)
            let sameType = try await world.api.request(.patch, "/connections/\(id)", json: ["connection_type": "TestIdp"])
            #expect(sameType.status == .ok)
            let samlOnTestIdP = try await world.api.request(.patch, "/connections/\(id)", json: ["saml_options": ["idp_sso_url": "https://x.example"]])
            #expect(samlOnTestIdP.status == .unprocessableContent)
            let badJSON = try await world.api.request(.patch, "/connections/\(id)", json: ["name": 5])
            #expect(badJSON.status == .unprocessableContent)
        }
    }

    @Test func externalIDsAreUniqueWithinTheOrganization() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let other = try await world.api.post("/connections", [
                "organization_id": .string(try world.organizationID), "external_id": "taken",
                "saml_options": ["idp_metadata_url": "https://okta.example.com/metadata.xml"],
            ])
            #expect(other.status == .created)
            let id = try world.connectionID
            let clash = try await world.api.request(.patch, "/connections/\(id)", json: ["external_id": "taken"])
            #expect(clash.status == .conflict)
            #expect(clash.json["code"] == "external_id_already_used")
            #expect(try await world.api.request(.patch, "/connections/\(id)", json: ["external_id": "mine"]).status == .ok)
            #expect(try await world.api.request(.patch, "/connections/\(id)", json: ["external_id": nil]).status == .ok)
        }
    }

    @Test func theControlSwitchDeactivatesAndReactivatesWithEvents() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let id = try world.connectionID
            let off = try await world.api.post("/_emulator/connections/\(id)/deactivate")
            #expect(off.status == .ok)
            #expect(off.json["state"] == "inactive")
            #expect(off.json["status"] == "unlinked")
            #expect(try await world.api.post("/_emulator/connections/\(id)/deactivate").json["state"] == "inactive")
            let on = try await world.api.post("/_emulator/connections/\(id)/activate")
            #expect(on.json["state"] == "active")
            let log = try await world.events().map(\.event).filter { $0.hasPrefix("connection.") }
            #expect(log == ["connection.activated", "connection.deactivated", "connection.activated"])

            let draft = try await world.api.post("/connections", [
                "organization_id": .string(try world.organizationID), "saml_options": [:],
            ]).json["id"]?.stringValue ?? ""
            let refused = try await world.api.post("/_emulator/connections/\(draft)/activate")
            #expect(refused.status == .conflict)
            #expect(refused.json["code"] == "connection_not_configured")
            #expect(try await world.api.post("/_emulator/connections/conn_missing/activate").status == .notFound)
        }
    }
}
