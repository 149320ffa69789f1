import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

/// A SAML connection's certificates: imported IdP signing certificates, generated or customer-owned
/// service provider certificates.
@Suite struct SAMLCertificatesTests {
    static func fixture(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("fixtures/saml/\(name)"), encoding: .utf8)
    }

    private func samlConnection(_ world: SSOWorld, _ options: JSON) async throws -> String {
        let created = try await world.api.post("/connections", ["organization_id": .string(try world.organizationID), "saml_options": options])
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.json["id"]?.stringValue)
    }

    @Test func anIdPCertificateCompletesADraftAndTheLastOneStays() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let id = try await samlConnection(world, ["idp_sso_url": "https://idp.example.com/sso"])
            #expect(try await world.api.get("/connections/\(id)").json["state"] == "draft")

            let certificate = try Self.fixture("idp-signing.crt")
            let created = try await world.api.post("/connections/\(id)/saml_idp_signing_certs", ["value": .string(certificate)])
            #expect(created.status == .created)
            #expect(created.json["object"] == "saml_idp_signing_certificate")
            #expect(created.json["not_before"] == "2026-11-30T03:25:38.000Z")
            #expect(created.json["not_after"] == "2036-11-27T03:25:38.000Z")
            #expect(try await world.api.get("/connections/\(id)").json["state"] == "active")

            let second = try await world.api.post("/connections/\(id)/saml_idp_signing_certs", ["value": .string(certificate)])
            let list = try await world.api.get("/connections/\(id)/saml_idp_signing_certs")
            #expect(list.json["object"] == "list")
            #expect(list.json["data"]?.arrayValue?.map { $0["id"] } == [created.json["id"], second.json["id"]])

            let first = try #require(created.json["id"]?.stringValue)
            let last = try #require(second.json["id"]?.stringValue)
            #expect(try await world.api.delete("/connections/\(id)/saml_idp_signing_certs/\(first)").status == .noContent)
            let refused = try await world.api.delete("/connections/\(id)/saml_idp_signing_certs/\(last)")
            #expect(refused.status == .badRequest)
            #expect(refused.json["code"] == "last_idp_signing_certificate")
            #expect(try await world.api.delete("/connections/\(id)/saml_idp_signing_certs/cert_missing").status == .notFound)

            let bad = try await world.api.post("/connections/\(id)/saml_idp_signing_certs", ["value": "-----BEGIN CERTIFICATE-----\nnope"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.json["errors"]?.arrayValue?.first?["code"] == "invalid_certificate")
        }
    }

    @Test func serviceProviderCertificatesAreGeneratedAndRotated() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let id = try await samlConnection(world, ["idp_metadata_url": "https://idp.example.com/metadata"])
            let signing = try await world.api.get("/connections/\(id)/saml_sp_signing_cert")
            #expect(signing.status == .ok)
            #expect(signing.json["object"] == "saml_sp_signing_certificate")
            #expect(signing.json["value"]?.stringValue?.hasPrefix("-----BEGIN CERTIFICATE-----") == true)
            #expect(signing.json["not_after"]?.stringValue != nil)

            let conflict = try await world.api.post("/connections/\(id)/saml_sp_signing_cert")
            #expect(conflict.status == .conflict)
            let signingID = try #require(signing.json["id"]?.stringValue)
            #expect(try await world.api.delete("/connections/\(id)/saml_sp_signing_cert/\(signingID)").status == .noContent)
            #expect(try await world.api.get("/connections/\(id)/saml_sp_signing_cert").status == .notFound)
            let replaced = try await world.api.post("/connections/\(id)/saml_sp_signing_cert")
            #expect(replaced.status == .created)
            #expect(replaced.json["id"] != signing.json["id"])

            #expect(try await world.api.get("/connections/\(id)/saml_sp_encryption_certs").json["data"]?.arrayValue?.count == 1)
            let added = try await world.api.post("/connections/\(id)/saml_sp_encryption_certs")
            #expect(added.json["object"] == "saml_sp_encryption_certificate")
            let encryption = try await world.api.get("/connections/\(id)/saml_sp_encryption_certs").json["data"]?.arrayValue ?? []
            #expect(encryption.count == 2)
            #expect(encryption.last?["id"] == added.json["id"])
        }
    }

    @Test func customerKeyPairsAreKeptWhenTheKeyFitsTheCertificate() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let certificate = JSON.string(try Self.fixture("idp-signing.crt"))
            let key = JSON.string(try Self.fixture("idp-signing.key"))
            let id = try await samlConnection(world, [
                "idp_sso_url": "https://idp.example.com/sso", "idp_signing_certs": [certificate],
                "sp_signing_key_pair": ["key": key, "cert": certificate],
            ])
            #expect(try await world.api.get("/connections/\(id)").json["state"] == "active")
            #expect(try await world.api.get("/connections/\(id)/saml_sp_signing_cert").json["not_before"] == "2026-11-30T03:25:38.000Z")

            let mismatch = try await world.api.post("/connections", [
                "organization_id": .string(try world.organizationID),
                "saml_options": ["sp_signing_key_pair": ["key": .string(try Self.fixture("unrelated.key")), "cert": certificate]],
            ])
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.json["errors"]?.arrayValue?.first?["code"] == "key_mismatch")
        }
    }

    @Test func onlySAMLConnectionsHaveCertificates() async throws {
        try await TestEmulator.run { api in
            let world = try await SSOWorld.make(api)
            let testIdP = try await world.api.get("/connections/\(try world.connectionID)/saml_idp_signing_certs")
            #expect(testIdP.status == .badRequest)
            #expect(testIdP.json["code"] == "connection_not_saml")
            #expect(try await world.api.get("/connections/conn_missing/saml_sp_encryption_certs").status == .notFound)
        }
    }
}
