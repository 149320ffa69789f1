import EmulatorCore
import EmulatorTesting
import GRDB
import Testing

@Suite struct OrganizationDomainsTests {
    private func organization(_ api: APIClient) async throws -> String {
        try #require(try await api.post("/organizations", ["name": "Acme"]).json["id"]?.stringValue)
    }

    @Test func createGetVerifyDelete() async throws {
        try await TestEmulator.run { api in
            let orgID = try await organization(api)
            let created = try await api.post("/organization_domains", ["domain": "acme.com", "organization_id": .string(orgID)])
            #expect(created.status == .created)
            let domain = created.json
            let id = try #require(domain["id"]?.stringValue)
            #expect(id.hasPrefix("org_domain_"))
            #expect(domain["state"] == "pending")
            #expect(domain["verification_strategy"] == "dns")
            #expect(domain["verification_token"]?.stringValue?.isEmpty == false)
            #expect(try await api.get("/organization_domains/\(id)").json == domain)

            let verified = try await api.post("/organization_domains/\(id)/verify")
            #expect(verified.status == .created)
            #expect(verified.json["state"] == "verified")
            let again = try await api.post("/organization_domains/\(id)/verify")
            #expect(again.status == .badRequest)
            #expect(again.json["code"] == "domain_already_verified")

            let embedded = try await api.get("/organizations/\(orgID)").json["domains"]?.arrayValue?.first
            #expect(embedded?["state"] == "verified")

            #expect(try await api.delete("/organization_domains/\(id)").status == .noContent)
            #expect(try await api.get("/organization_domains/\(id)").status == .notFound)

            let log = try await api.emulator.registry.defaultEnvironment.read { db in
                try Event.filter(Column("event").like("organization_domain.%")).order(Column("id")).fetchAll(db).map(\.event)
            }
            #expect(log == ["organization_domain.created", "organization_domain.verified", "organization_domain.deleted"])
        }
    }

    @Test func invalidTopLevelDomainFailsVerification() async throws {
        try await TestEmulator.run { api in
            let orgID = try await organization(api)
            let id = try #require(try await api.post("/organization_domains", [
                "domain": "broken.invalid", "organization_id": .string(orgID),
            ]).json["id"]?.stringValue)
            let failed = try await api.post("/organization_domains/\(id)/verify")
            #expect(failed.json["state"] == "failed")
            let event = try await api.emulator.registry.defaultEnvironment.read { db in
                try Event.filter(Column("event") == "organization_domain.verification_failed").fetchOne(db)
            }
            #expect(event?.data["organization_domain"]?["id"]?.stringValue == id)
            #expect(event?.data["reason"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func createValidatesItsInput() async throws {
        try await TestEmulator.run { api in
            let orgID = try await organization(api)
            let missingOrg = try await api.post("/organization_domains", ["domain": "x.com"])
            #expect(missingOrg.status == .unprocessableContent)
            let unknownOrg = try await api.post("/organization_domains", ["domain": "x.com", "organization_id": "org_nope"])
            #expect(unknownOrg.status == .notFound)
            _ = try await api.post("/organization_domains", ["domain": "x.com", "organization_id": .string(orgID)])
            let duplicate = try await api.post("/organization_domains", ["domain": "X.com", "organization_id": .string(orgID)])
            #expect(duplicate.status == .conflict)
            #expect(duplicate.json["code"] == "domain_already_exists")
        }
    }
}
