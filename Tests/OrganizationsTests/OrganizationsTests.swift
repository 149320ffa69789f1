import EmulatorCore
import EmulatorTesting
import GRDB
import Testing

@Suite struct OrganizationsTests {
    @Test func createReturnsTheFullShape() async throws {
        try await TestEmulator.run { api in
            let created = try await api.post("/organizations", [
                "name": "  Acme  ", "external_id": "acme-1", "metadata": ["tier": "gold"],
                "domain_data": [["domain": "Acme.COM", "state": "verified"], ["domain": "acme.dev", "state": "pending"]],
            ])
            #expect(created.status == .created)
            let org = created.json
            #expect(org["object"] == "organization")
            #expect(org["id"]?.stringValue?.hasPrefix("org_") == true)
            #expect(org["name"] == "Acme")
            #expect(org["external_id"] == "acme-1")
            #expect(org["metadata"] == ["tier": "gold"])
            #expect(org["stripe_customer_id"] == .null)
            #expect(org["allow_profiles_outside_organization"] == false)
            let createdAt = try #require(org["created_at"]?.stringValue)
            #expect(Timestamp.parse(createdAt) != nil && createdAt.hasSuffix("Z") && createdAt.count == 24)
            let domains = org["domains"]?.arrayValue ?? []
            #expect(domains.map { $0["domain"] } == ["acme.com", "acme.dev"])
            #expect(domains.map { $0["state"] } == ["verified", "pending"])
            #expect(domains.map { $0["verification_strategy"] } == ["manual", "dns"])
            #expect(domains.allSatisfy { $0["object"] == "organization_domain" && $0["organization_id"] == org["id"] })
        }
    }

    @Test func legacyDomainsAreTakenAsVerified() async throws {
        try await TestEmulator.run { api in
            let org = try await api.post("/organizations", ["name": "Legacy", "domains": ["legacy.com"]]).json
            #expect(org["domains"]?.arrayValue?.first?["state"] == "verified")
        }
    }

    @Test func invalidInputIsRejectedWithWorkOSCodes() async throws {
        try await TestEmulator.run { api in
            let badDomain = try await api.post("/organizations", ["name": "X", "domain_data": [["domain": "not a domain", "state": "verified"]]])
            #expect(badDomain.status == .unprocessableContent)
            #expect(badDomain.json["errors"]?.arrayValue?.first?["field"] == "domain_data[0].domain")

            let badState = try await api.post("/organizations", ["name": "X", "domain_data": [["domain": "x.com", "state": "done"]]])
            #expect(badState.status == .unprocessableContent)

            let badMetadata = try await api.post("/organizations", ["name": "X", "metadata": ["n": 1]])
            #expect(badMetadata.status == .badRequest)
            #expect(badMetadata.json["code"] == "invalid_metadata")

            _ = try await api.post("/organizations", ["name": "First", "external_id": "dup"])
            let duplicate = try await api.post("/organizations", ["name": "Second", "external_id": "dup"])
            #expect(duplicate.status == .badRequest)
            #expect(duplicate.json["code"] == "external_id_already_used")

            _ = try await api.post("/organizations", ["name": "Owner", "domains": ["owned.com"]])
            let taken = try await api.post("/organizations", ["name": "Thief", "domains": ["owned.com"]])
            #expect(taken.status == .conflict)
            #expect(taken.json["code"] == "domain_already_exists")
        }
    }

    @Test func getByIDAndByExternalID() async throws {
        try await TestEmulator.run { api in
            let created = try await api.post("/organizations", ["name": "Acme", "external_id": "ext/with space"]).json
            let id = try #require(created["id"]?.stringValue)
            #expect(try await api.get("/organizations/\(id)").json == created)
            #expect(try await api.get("/organizations/external_id/ext%2Fwith%20space").json == created)
            let missing = try await api.get("/organizations/external_id/nope")
            #expect(missing.status == .notFound)
        }
    }

    @Test func updateAppliesOnlyWhatItNames() async throws {
        try await TestEmulator.run { api in
            let created = try await api.post("/organizations", [
                "name": "Acme", "external_id": "ext", "metadata": ["a": "1"], "domains": ["acme.com"],
            ]).json
            let id = try #require(created["id"]?.stringValue)

            let renamed = try await api.put("/organizations/\(id)", ["name": "Acme Inc"]).json
            #expect(renamed["name"] == "Acme Inc")
            #expect(renamed["external_id"] == "ext")
            #expect(renamed["metadata"] == ["a": "1"])

            let cleared = try await api.put("/organizations/\(id)", ["external_id": nil, "metadata": nil, "stripe_customer_id": "cus_1"]).json
            #expect(cleared["external_id"] == .null)
            #expect(cleared["metadata"] == [:])
            #expect(cleared["stripe_customer_id"] == "cus_1")

            let redomained = try await api.put("/organizations/\(id)", [
                "domain_data": [["domain": "acme.io", "state": "pending"]],
            ]).json
            #expect(redomained["domains"]?.arrayValue?.map { $0["domain"] } == ["acme.io"])

            let emptyName = try await api.put("/organizations/\(id)", ["name": ""])
            #expect(emptyName.status == .unprocessableContent)
            #expect(try await api.put("/organizations/org_missing", ["name": "x"]).status == .notFound)

            let other = try await api.post("/organizations", ["name": "Other"]).json
            let stolen = try await api.put("/organizations/\(other["id"]!.stringValue!)", ["stripe_customer_id": "cus_1"])
            #expect(stolen.json["code"] == "stripe_customer_id_already_used")

            let log = try await api.emulator.registry.defaultEnvironment.read { db in
                try Event.filter(Column("organization_id") == id).order(Column("id")).fetchAll(db).map(\.event)
            }
            #expect(log == [
                "organization.created", "organization_domain.created",
                "organization.updated", "organization.updated",
                "organization.updated", "organization_domain.deleted", "organization_domain.created",
            ])
        }
    }

    @Test func deleteRemovesTheOrganizationAndItsDomains() async throws {
        try await TestEmulator.run { api in
            let created = try await api.post("/organizations", ["name": "Acme", "domains": ["acme.com"]]).json
            let id = try #require(created["id"]?.stringValue)
            let domainID = try #require(created["domains"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await api.delete("/organizations/\(id)").status == .accepted)
            #expect(try await api.get("/organizations/\(id)").status == .notFound)
            #expect(try await api.get("/organization_domains/\(domainID)").status == .notFound)
            #expect(try await api.delete("/organizations/\(id)").status == .notFound)
            // The domain is free again.
            #expect(try await api.post("/organizations", ["name": "Next", "domains": ["acme.com"]]).status == .created)
        }
    }

    @Test func listFiltersByDomainsAndSearch() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/organizations", ["name": "Alpha Corp", "domains": ["alpha.com"]])
            _ = try await api.post("/organizations", ["name": "Beta Corp", "domains": ["beta.com", "beta.io"]])
            _ = try await api.post("/organizations", ["name": "Gamma", "domains": ["gamma.com"]])
            func names(_ query: String) async throws -> [String] {
                try await api.get("/organizations?\(query)").json["data"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            }
            #expect(try await names("domains=beta.io") == ["Beta Corp"])
            #expect(try await names("domains=alpha.com,gamma.com") == ["Gamma", "Alpha Corp"])
            #expect(try await names("domains=alpha.com&domains=beta.com") == ["Beta Corp", "Alpha Corp"])
            #expect(try await names("search=corp") == ["Beta Corp", "Alpha Corp"])
        }
    }
}
