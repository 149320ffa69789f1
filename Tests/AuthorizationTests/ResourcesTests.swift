import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct ResourcesTests {
    @Test func everyOrganizationHasItsRootResource() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization("Acme")
            let root = try await api.get("/authorization/organizations/\(orgID)/resources/organization/\(orgID)").json
            #expect(try root.id.hasPrefix("authz_resource_"))
            #expect(root["object"] == "authorization_resource" && root["name"] == "Acme" && root["parent_resource_id"] == .null)
            _ = try await api.put("/organizations/\(orgID)", ["name": "Acme Inc"])
            #expect(try await api.get("/authorization/resources/\(try root.id)").json["name"] == "Acme Inc")
            // It lives as long as its organization.
            #expect(try await api.delete("/authorization/resources/\(try root.id)").json["code"] == "bad_request")
            #expect(try await api.patch("/authorization/resources/\(try root.id)", ["name": "X"]).status == .badRequest)
        }
    }

    @Test func createReadUpdateAndMove() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let rootID = try await api.get("/authorization/organizations/\(orgID)/resources/organization/\(orgID)").json.id
            let workspace = try await api.created("/authorization/resources", [
                "external_id": "ws-1", "name": "Engineering", "resource_type_slug": "workspace", "organization_id": .string(orgID),
            ])
            #expect(workspace["parent_resource_id"] == .string(rootID) && workspace["description"] == .null)
            let project = try await api.created("/authorization/resources", [
                "external_id": "p-1", "name": "Web", "resource_type_slug": "project", "organization_id": .string(orgID),
                "parent_resource_external_id": "ws-1", "parent_resource_type_slug": "workspace",
            ])
            #expect(project["parent_resource_id"] == .string(try workspace.id))
            #expect(try await api.get("/authorization/resources/\(try project.id)").json == project)
            let byExternalID = "/authorization/organizations/\(orgID)/resources/project/p-1"
            #expect(try await api.get(byExternalID).json == project)

            let renamed = try await api.patch(byExternalID, ["name": "Website", "description": "The site"]).json
            #expect(renamed["name"] == "Website" && renamed["description"] == "The site")
            let moved = try await api.patch("/authorization/resources/\(try project.id)", ["parent_resource_id": .string(rootID)]).json
            #expect(moved["parent_resource_id"] == .string(rootID))
            let cycle = try await api.patch("/authorization/resources/\(try workspace.id)", [
                "parent_resource_external_id": "ws-1", "parent_resource_type_slug": "workspace",
            ])
            #expect(cycle.status == .unprocessableContent)
        }
    }

    @Test func listFilters() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let otherID = try await api.organization("Other")
            for (external, type, parent) in [("ws-1", "workspace", nil), ("ws-2", "workspace", nil), ("p-1", "project", "ws-1")] as [(String, String, String?)] {
                _ = try await api.created("/authorization/resources", [
                    "external_id": .string(external), "name": .string(external), "resource_type_slug": .string(type),
                    "organization_id": .string(orgID), "parent_resource_external_id": .string(parent),
                    "parent_resource_type_slug": parent == nil ? nil : "workspace",
                ])
            }
            func externalIDs(_ query: String) async throws -> [String] {
                try await api.get("/authorization/resources?order=asc&\(query)").json["data"]?.arrayValue?
                    .compactMap { $0["external_id"]?.stringValue } ?? []
            }
            #expect(try await externalIDs("organization_id=\(orgID)") == [orgID, "ws-1", "ws-2", "p-1"])
            #expect(try await externalIDs("resource_type_slug=workspace") == ["ws-1", "ws-2"])
            #expect(try await externalIDs("resource_type_slug=organization") == [orgID, otherID])
            #expect(try await externalIDs("organization_id=\(orgID)&parent_resource_type_slug=workspace&parent_external_id=ws-1") == ["p-1"])
            #expect(try await externalIDs("organization_id=\(orgID)&resource_external_id=ws-2") == ["ws-2"])
            let unfiltered = try await api.get("/authorization/resources")
            #expect(unfiltered.status == .badRequest && unfiltered.json["code"] == "missing_organization_id_or_resource_type_slug")
        }
    }

    @Test func deleteRefusesDependentsUnlessAskedToCascade() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let workspace = try await api.created("/authorization/resources", [
                "external_id": "ws-1", "name": "WS", "resource_type_slug": "workspace", "organization_id": .string(orgID),
            ])
            let project = try await api.created("/authorization/resources", [
                "external_id": "p-1", "name": "P", "resource_type_slug": "project", "organization_id": .string(orgID),
                "parent_resource_id": .string(try workspace.id),
            ])
            let refused = try await api.delete("/authorization/resources/\(try workspace.id)")
            #expect(refused.status == .conflict && refused.json["code"] == "resource_has_dependents")
            #expect(try await api.delete("/authorization/resources/\(try workspace.id)?cascade_delete=true").status == .noContent)
            #expect(try await api.get("/authorization/resources/\(try project.id)").status == .notFound)
        }
    }

    @Test func errors() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let otherID = try await api.organization("Other")
            let body: JSONObject = ["external_id": "ws-1", "name": "WS", "resource_type_slug": "workspace", "organization_id": .string(orgID)]
            _ = try await api.created("/authorization/resources", .object(body))
            let taken = try await api.post("/authorization/resources", .object(body))
            #expect(taken.status == .conflict && taken.json["code"] == "authorization_resource_external_id_conflict")
            var elsewhere = body
            elsewhere["organization_id"] = .string(otherID)
            _ = try await api.created("/authorization/resources", .object(elsewhere))  // the key is per organization

            var missingOrg = body
            missingOrg["organization_id"] = "org_missing"
            #expect(try await api.post("/authorization/resources", .object(missingOrg)).status == .notFound)
            var orgType = body
            orgType["resource_type_slug"] = "organization"
            #expect(try await api.post("/authorization/resources", .object(orgType)).status == .badRequest)
            var bothParents = body
            bothParents["parent_resource_id"] = "authz_resource_x"
            bothParents["parent_resource_external_id"] = "x"
            #expect(try await api.post("/authorization/resources", .object(bothParents)).status == .unprocessableContent)
            var halfParent = body
            halfParent["parent_resource_external_id"] = "x"
            #expect(try await api.post("/authorization/resources", .object(halfParent)).status == .unprocessableContent)
            var foreignParent = body
            foreignParent["external_id"] = "ws-2"
            foreignParent["parent_resource_external_id"] = "ws-1"
            foreignParent["parent_resource_type_slug"] = "workspace"
            foreignParent["organization_id"] = .string(otherID)
            foreignParent["parent_resource_id"] = nil
            _ = try await api.created("/authorization/resources", .object(foreignParent))  // its own org's ws-1
            #expect(try await api.post("/authorization/resources", ["name": "X"]).status == .unprocessableContent)
            #expect(try await api.get("/authorization/resources/authz_resource_missing").json["message"]
                    == "Resource not found: 'authz_resource_missing'.")
        }
    }
}
