import EmulatorCore
import EmulatorTesting
import Testing

@Suite struct SCIMUsersTests {
    static let alice: JSON = [
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
        "externalId": "00u1", "userName": "alice@acme.com", "active": true,
        "name": ["givenName": "Alice", "familyName": "Liddell"],
        "emails": [["value": "alice@acme.com", "type": "work", "primary": true]],
        "title": "Engineer", "password": "secret",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": ["department": "R&D", "employeeNumber": "42"],
    ]

    @Test func createReadsBackThroughSCIMAndTheDirectorySyncAPI() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let created = try await directory.scim(api, .post, "/Users", Self.alice)
            #expect(created.status == .created)
            #expect(created.headers[.contentType] == "application/scim+json")
            let user = created.json
            let id = try #require(user["id"]?.stringValue)
            #expect(id.hasPrefix("directory_user_"))
            #expect(created.headers[.location]?.hasSuffix("\(directory.scimPath)/Users/\(id)") == true)
            #expect(user["password"] == nil)
            #expect(user["userName"] == "alice@acme.com")
            #expect(user["meta"]?["resourceType"] == "User")

            let fetched = try await directory.scim(api, .get, "/Users/\(id)")
            #expect(fetched.json == user)

            let workos = try await api.get("/directory_users/\(id)").json
            #expect(workos["object"] == "directory_user")
            #expect(workos["directory_id"] == .string(directory.id))
            #expect(workos["organization_id"] == .string(directory.organizationID))
            #expect(workos["idp_id"] == "00u1")
            #expect(workos["email"] == "alice@acme.com")
            #expect(workos["first_name"] == "Alice")
            #expect(workos["last_name"] == "Liddell")
            #expect(workos["name"] == "Alice Liddell")
            #expect(workos["username"] == "alice@acme.com")
            #expect(workos["job_title"] == "Engineer")
            #expect(workos["state"] == "active")
            #expect(workos["emails"] == [["primary": true, "type": "work", "value": "alice@acme.com"]])
            #expect(workos["custom_attributes"] == ["department": "R&D", "employee_number": "42", "job_title": "Engineer"])
            #expect(workos["raw_attributes"]?["userName"] == "alice@acme.com")
            #expect(workos["raw_attributes"]?["password"] == nil)
            #expect(workos["groups"] == [])
            #expect(try await DirectoryFixture.events(api, "dsync.user.created").map { $0["id"] } == [.string(id)])
        }
    }

    @Test func filtersAndPagination() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            for index in 1...5 {
                try await directory.scim(api, .post, "/Users", [
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": .string("user\(index)@acme.com"),
                    "externalId": .string("ext-\(index)"), "title": index.isMultiple(of: 2) ? "Even" : "Odd",
                ])
            }
            let byName = try await directory.scim(api, .get, "/Users?filter=userName%20eq%20%22USER3@acme.com%22").json
            #expect(byName["totalResults"] == 1)
            #expect(byName["Resources"]?.arrayValue?.first?["userName"] == "user3@acme.com")
            let byExternalID = try await directory.scim(api, .get, "/Users?filter=externalId%20eq%20%22ext-4%22").json
            #expect(byExternalID["Resources"]?.arrayValue?.first?["userName"] == "user4@acme.com")
            let none = try await directory.scim(api, .get, "/Users?filter=userName%20eq%20%22nobody%22").json
            #expect(none["totalResults"] == 0 && none["Resources"] == [])
            let compound = try await directory.scim(api, .get,
                "/Users?filter=title%20eq%20%22odd%22%20and%20not%20(userName%20sw%20%22user1%22)").json
            #expect(compound["totalResults"] == 2)

            let page = try await directory.scim(api, .get, "/Users?startIndex=2&count=2").json
            #expect(page["totalResults"] == 5)
            #expect(page["startIndex"] == 2 && page["itemsPerPage"] == 2)
            #expect(page["Resources"]?.arrayValue?.map { $0["userName"] } == ["user2@acme.com", "user3@acme.com"])

            let projected = try await directory.scim(api, .get, "/Users?attributes=userName&count=1").json
            #expect(projected["Resources"]?.arrayValue?.first?.objectValue?.keys.sorted() == ["id", "schemas", "userName"])
            let excluded = try await directory.scim(api, .get, "/Users?excludedAttributes=title,meta&count=1").json
            #expect(excluded["Resources"]?.arrayValue?.first?["title"] == nil)
            #expect(excluded["Resources"]?.arrayValue?.first?["meta"] == nil)

            let searched = try await directory.scim(api, .post, "/Users/.search", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], "filter": "userName eq \"user5@acme.com\"",
            ]).json
            #expect(searched["totalResults"] == 1)
        }
    }

    @Test func putReplacesAndEmitsUpdatedWithPreviousAttributes() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let id = try #require(try await directory.scim(api, .post, "/Users", Self.alice).json["id"]?.stringValue)
            let replaced = try await directory.scim(api, .put, "/Users/\(id)", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "alice@acme.com",
                "name": ["givenName": "Alicia", "familyName": "Liddell"], "active": false,
            ])
            #expect(replaced.status == .ok)
            #expect(replaced.json["title"] == nil)
            let workos = try await api.get("/directory_users/\(id)").json
            #expect(workos["first_name"] == "Alicia")
            #expect(workos["state"] == "inactive")
            let updated = try #require(try await DirectoryFixture.events(api, "dsync.user.updated").first)
            let previous = try #require(updated["previous_attributes"])
            #expect(previous["first_name"] == "Alice")
            #expect(previous["state"] == "active")
            #expect(previous["job_title"] == "Engineer")
            #expect(previous["custom_attributes"]?["department"] == "R&D")
            #expect(updated["groups"] == nil)
        }
    }

    @Test func patchOperationsAsProvidersSendThem() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let id = try #require(try await directory.scim(api, .post, "/Users", Self.alice).json["id"]?.stringValue)
            let patched = try await directory.scim(api, .patch, "/Users/\(id)", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [
                    // Azure AD's spellings: capitalised ops, string booleans, filtered paths, dotted keys.
                    ["op": "Replace", "path": "active", "value": "False"],
                    ["op": "replace", "path": "emails[type eq \"work\"].value", "value": "alice@wonderland.example"],
                    ["op": "add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 555 0100"],
                    ["op": "replace", "value": ["name.givenName": "Ali", "displayName": "Ali L."]],
                    ["op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Sales"],
                    ["op": "remove", "path": "title"],
                ],
            ])
            #expect(patched.status == .ok, "\(patched.text)")
            let user = patched.json
            #expect(user["active"] == false)
            #expect(user["emails"] == [["primary": true, "type": "work", "value": "alice@wonderland.example"]])
            #expect(user["phoneNumbers"] == [["type": "mobile", "value": "+1 555 0100"]])
            #expect(user["name"]?["givenName"] == "Ali")
            #expect(user["title"] == nil)
            #expect(user["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]?["department"] == "Sales")
            let workos = try await api.get("/directory_users/\(id)").json
            #expect(workos["state"] == "inactive")
            #expect(workos["email"] == "alice@wonderland.example")
            #expect(workos["first_name"] == "Ali")
            #expect(workos["custom_attributes"]?["department"] == "Sales")
            #expect(try await DirectoryFixture.events(api, "dsync.user.updated").count == 1)
        }
    }

    @Test func deleteRemovesTheUser() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            let id = try #require(try await directory.scim(api, .post, "/Users", Self.alice).json["id"]?.stringValue)
            #expect(try await directory.scim(api, .delete, "/Users/\(id)").status == .noContent)
            let gone = try await directory.scim(api, .get, "/Users/\(id)")
            #expect(gone.status == .notFound)
            #expect(gone.json["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"])
            #expect(gone.json["status"] == "404")
            #expect(try await api.get("/directory_users/\(id)").status == .notFound)
            #expect(try await DirectoryFixture.events(api, "dsync.user.deleted").map { $0["id"] } == [.string(id)])
        }
    }

    @Test func errorsAreSCIMShaped() async throws {
        try await TestEmulator.run { api in
            let directory = try await DirectoryFixture.make(api)
            try await directory.scim(api, .post, "/Users", Self.alice)

            let duplicate = try await directory.scim(api, .post, "/Users", Self.alice)
            #expect(duplicate.status == .conflict && duplicate.json["scimType"] == "uniqueness")
            let missing = try await directory.scim(api, .post, "/Users", ["schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]])
            #expect(missing.status == .badRequest && missing.json["scimType"] == "invalidValue")
            let mistyped = try await directory.scim(api, .post, "/Users", ["userName": "x", "active": 3])
            #expect(mistyped.status == .badRequest && mistyped.json["scimType"] == "invalidValue")
            let badFilter = try await directory.scim(api, .get, "/Users?filter=userName%20eqq%20%22x%22")
            #expect(badFilter.status == .badRequest && badFilter.json["scimType"] == "invalidFilter")
            let id = try #require(try await directory.scim(api, .get, "/Users").json["Resources"]?.arrayValue?.first?["id"]?.stringValue)
            let badPath = try await directory.scim(api, .patch, "/Users/\(id)", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [["op": "replace", "path": "nonsense", "value": "x"]],
            ])
            #expect(badPath.status == .badRequest && badPath.json["scimType"] == "invalidPath")
            let readOnly = try await directory.scim(api, .patch, "/Users/\(id)", [
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [["op": "add", "path": "groups", "value": []]],
            ])
            #expect(readOnly.status == .badRequest && readOnly.json["scimType"] == "mutability")
            let noOperations = try await directory.scim(api, .patch, "/Users/\(id)", ["Operations": []])
            #expect(noOperations.status == .badRequest && noOperations.json["scimType"] == "invalidSyntax")
            let removeWithoutPath = try await directory.scim(api, .patch, "/Users/\(id)", ["Operations": [["op": "remove"]]])
            #expect(removeWithoutPath.json["scimType"] == "noTarget")

            let malformed = try await api.with(apiKey: nil).request(
                .post, directory.scimPath + "/Users", headers: [.authorization: "Bearer \(directory.token)"])
            #expect(malformed.status == .badRequest)

            let wrongToken = try await directory.scim(api, .get, "/Users", token: directory.token + "x")
            #expect(wrongToken.status == .unauthorized && wrongToken.json["status"] == "401")
            let apiKey = try await api.request(.get, directory.scimPath + "/Users")
            #expect(apiKey.status == .unauthorized)
            let otherDirectory = try await api.with(apiKey: nil).request(
                .get, "/scim/v2/directory_01NOPE/Users", headers: [.authorization: "Bearer \(directory.token)"])
            #expect(otherDirectory.status == .unauthorized)
        }
    }
}
