import EmulatorCore
import EmulatorTesting
import GRDB
import Testing
@testable import UserManagement

@Suite struct UsersTests {
    @Test func createReturnsTheFullShapeWithANormalisedEmail() async throws {
        try await TestEmulator.run { api in
            let created = try await api.post("/user_management/users", [
                "email": "  Marcelina.Davis@Example.COM ", "first_name": "Marcelina", "last_name": "Davis",
                "name": "Marcelina Davis", "email_verified": true, "metadata": ["tz": "Europe/Paris"],
                "external_id": "ext-1",
            ])
            #expect(created.status == .created)
            let user = created.json
            #expect(try user.id.hasPrefix("user_"))
            #expect(user["object"] == "user")
            #expect(user["email"] == "marcelina.davis@example.com")
            #expect(user["email_verified"] == true)
            #expect(user["metadata"] == ["tz": "Europe/Paris"])
            for key in ["profile_picture_url", "last_sign_in_at", "locale"] { #expect(user[key] == .null) }
            #expect(user.objectValue?.keys.contains("password") == false)
            #expect(try await api.get("/user_management/users/\(try user.id)").json == user)
            #expect(try await api.get("/user_management/users/external_id/ext-1").json == user)
            #expect(try await api.events("user.") == ["user.created"])

            let plain = try await api.user("plain@example.com")
            #expect(plain["email_verified"] == false)
            #expect(plain["first_name"] == .null && plain["external_id"] == .null && plain["metadata"] == [:])
        }
    }

    @Test func emailsAreUniqueCaseInsensitively() async throws {
        try await TestEmulator.run { api in
            _ = try await api.user("dup@example.com", ["external_id": "taken"])
            let duplicate = try await api.post("/user_management/users", ["email": "DUP@example.com", "external_id": "taken"])
            #expect(duplicate.status == .badRequest)
            #expect(duplicate.json["code"] == "user_creation_error")
            #expect(duplicate.json["errors"]?.arrayValue?.compactMap { $0["code"]?.stringValue }
                == ["email_not_available", "external_id_already_used"])
            #expect(try await api.events("user.") == ["user.created"])
        }
    }

    @Test func badInputIsRejectedInWorkOSShapes() async throws {
        try await TestEmulator.run { api in
            let noEmail = try await api.post("/user_management/users", ["first_name": "X"])
            #expect(noEmail.status == .unprocessableContent)
            #expect(noEmail.json["errors"]?.arrayValue?.first?["field"] == "email")
            let badEmail = try await api.post("/user_management/users", ["email": "not-an-email"])
            #expect(badEmail.status == .unprocessableContent)
            let badType = try await api.post("/user_management/users", ["email": "a@example.com", "email_verified": "yes"])
            #expect(badType.status == .unprocessableContent)
            #expect(badType.json["errors"]?.arrayValue?.first?["field"] == "email_verified")
            let badMetadata = try await api.post("/user_management/users", ["email": "a@example.com", "metadata": ["n": 1]])
            #expect(badMetadata.status == .badRequest)
            #expect(badMetadata.json["code"] == "invalid_metadata")
            #expect(try await api.get("/user_management/users/user_missing").json
                == ["message": "User not found: 'user_missing'."])
        }
    }

    @Test func passwordsAreCheckedAndStoredHashed() async throws {
        try await TestEmulator.run { api in
            let weak = try await api.post("/user_management/users", ["email": "weak@example.com", "password": "aaa"])
            #expect(weak.status == .badRequest)
            #expect(weak.json["code"] == "password_strength_error")
            #expect(weak.json["errors"]?.arrayValue?.compactMap { $0["code"]?.stringValue }
                == ["password_too_short", "password_too_weak"])
            let breached = try await api.post("/user_management/users", ["email": "weak@example.com", "password": "Password123"])
            #expect(breached.json["errors"]?.arrayValue?.first?["code"] == "password_breached")

            let user = try await api.user("strong@example.com", ["password": "correct horse battery"])
            let stored = try await api.environment.read { [id = try user.id] db in try UserRecord.find(id, in: db).password }
            let hash = try #require(stored)
            #expect(hash.type == "scrypt")
            #expect(hash.hash.hasPrefix("$scrypt$ln=12,r=8,p=1$"))
            #expect(!hash.hash.contains("correct horse"))
            #expect(PasswordHasher.verify("correct horse battery", against: hash.hash))
            #expect(!PasswordHasher.verify("correct horse batterY", against: hash.hash))

            let changed = try await api.put("/user_management/users/\(try user.id)", ["password": "another good secret"])
            #expect(changed.status == .ok)
            let rehashed = try await api.environment.read { [id = try user.id] db in try UserRecord.find(id, in: db).password }
            #expect(PasswordHasher.verify("another good secret", against: try #require(rehashed).hash))
            #expect(try await api.events("user.") == ["user.created", "user.updated"])
        }
    }

    @Test func passwordHashesImportWithTheirAlgorithm() async throws {
        try await TestEmulator.run { api in
            let bcrypt = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"
            let user = try await api.user("imported@example.com", ["password_hash": .string(bcrypt), "password_hash_type": "bcrypt"])
            let stored = try await api.environment.read { [id = try user.id] db in try UserRecord.find(id, in: db).password }
            #expect(stored == StoredPassword(hash: bcrypt, type: "bcrypt"))

            func attempt(_ fields: JSONObject) async throws -> APIResponse {
                var body = fields
                body["email"] = "other@example.com"
                return try await api.post("/user_management/users", .object(body))
            }
            let both = try await attempt(["password": "a good password", "password_hash": .string(bcrypt)])
            #expect(both.json["code"] == "password_and_password_hash_provided")
            let typeWithPassword = try await attempt(["password": "a good password", "password_hash_type": "bcrypt"])
            #expect(typeWithPassword.json["code"] == "password_and_password_hash_type_provided")
            let saltAlone = try await attempt(["password_salt_position": "prefix"])
            #expect(saltAlone.json["code"] == "password_salt_position_requires_password_hash")
            let malformed = try await attempt(["password_hash": "not-bcrypt", "password_hash_type": "bcrypt"])
            #expect(malformed.status == .badRequest)
            #expect(malformed.json["code"] == "invalid_password_hash")
            let noType = try await attempt(["password_hash": .string(bcrypt)])
            #expect(noType.status == .unprocessableContent)
            #expect(noType.json["errors"]?.arrayValue?.first?["field"] == "password_hash_type")
            let unknownType = try await attempt(["password_hash": .string(bcrypt), "password_hash_type": "md5"])
            #expect(unknownType.status == .unprocessableContent)
            let saltOnBcrypt = try await attempt(["password_hash": .string(bcrypt), "password_hash_type": "bcrypt",
                                                  "password_salt_position": "prefix"])
            #expect(saltOnBcrypt.status == .unprocessableContent)

            let ssha256 = try await attempt(["password_hash": "{SSHA256}jKNLfRD0P5Cw+TR27ZY7EvL9tVEeb1sX1VF6f7EJL4A0NTY3OA==",
                                             "password_hash_type": "ssha256", "password_salt_position": "prefix"])
            #expect(ssha256.status == .created)
        }
    }

    @Test func updateAppliesOnlyWhatItNames() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("ann@example.com", ["first_name": "Ann", "last_name": "Lee", "external_id": "a1",
                                                              "metadata": ["k": "v"]])
            let path = "/user_management/users/\(try user.id)"
            let renamed = try await api.put(path, ["first_name": "Anne", "locale": "fr-FR"]).json
            #expect(renamed["first_name"] == "Anne" && renamed["last_name"] == "Lee" && renamed["locale"] == "fr-FR")
            #expect(renamed["external_id"] == "a1" && renamed["metadata"] == ["k": "v"])
            let cleared = try await api.put(path, ["external_id": nil, "metadata": nil, "last_name": nil]).json
            #expect(cleared["external_id"] == .null && cleared["metadata"] == [:] && cleared["last_name"] == .null)
            let unchanged = try await api.put(path, [:])
            #expect(unchanged.json == cleared)
            #expect(try await api.events("user.") == ["user.created", "user.updated", "user.updated"])

            let moved = try await api.put(path, ["email": "ANNE@example.com"]).json
            #expect(moved["email"] == "anne@example.com")
        }
    }

    @Test func updateRefusesWhatBelongsToAnother() async throws {
        try await TestEmulator.run { api in
            _ = try await api.user("first@example.com", ["external_id": "one"])
            let second = try await api.user("second@example.com")
            let path = "/user_management/users/\(try second.id)"
            let email = try await api.put(path, ["email": "First@example.com"])
            #expect(email.status == .badRequest)
            #expect(email.json["code"] == "email_not_available")
            let external = try await api.put(path, ["external_id": "one"])
            #expect(external.json["code"] == "external_id_already_used")
            #expect(try await api.put(path, ["email": "nope"]).json["code"] == "invalid_email")
            #expect(try await api.put(path, ["locale": "not a locale"]).json["code"] == "invalid_locale")
            #expect(try await api.put(path, ["password": "short"]).json["code"] == "password_strength_error")
            #expect(try await api.put("/user_management/users/user_missing", ["first_name": "X"]).status == .notFound)
        }
    }

    @Test func deleteTakesTheUsersMembershipsAlong() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("leaving@example.com")
            let orgID = try await api.organization()
            let membership = try await api.membership(user: try user.id, organization: orgID)
            let deleted = try await api.delete("/user_management/users/\(try user.id)")
            #expect(deleted.status == .ok)
            #expect(try await api.get("/user_management/users/\(try user.id)").status == .notFound)
            #expect(try await api.get("/user_management/organization_memberships/\(try membership.id)").status == .notFound)
            #expect(try await api.events("") .suffix(2) == ["user.deleted", "organization_membership.deleted"])
            #expect(try await api.delete("/user_management/users/\(try user.id)").status == .notFound)
        }
    }

    @Test func listFiltersByEmailAndOrganization() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            var members: [String] = []
            for index in 0..<5 {
                let user = try await api.user("user\(index)@example.com")
                if index.isMultiple(of: 2) {
                    _ = try await api.membership(user: try user.id, organization: orgID)
                    members.append(try user.id)
                }
            }
            let byEmail = try await api.get("/user_management/users?email=USER3@example.com").json
            #expect(byEmail["data"]?.arrayValue?.map { $0["email"] } == ["user3@example.com"])
            let byOrganization = try await api.get("/user_management/users?organization_id=\(orgID)&order=asc").json
            #expect(byOrganization["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == members)
            let deprecatedName = try await api.get("/user_management/users?organization=\(orgID)&order=asc").json
            #expect(deprecatedName == byOrganization)
            let page = try await api.get("/user_management/users?limit=2").json
            #expect(page["data"]?.arrayValue?.count == 2)
            #expect(page["list_metadata"]?["after"]?.stringValue != nil)
            #expect(try await api.get("/user_management/users?limit=0").status == .unprocessableContent)
        }
    }

    @Test func identitiesAreABareArray() async throws {
        try await TestEmulator.run { api in
            let user = try await api.user("oauth@example.com")
            let path = "/user_management/users/\(try user.id)/identities"
            #expect(try await api.get(path).json == [])
            try await api.environment.write { [id = try user.id] tx in
                try UserManagementAPI.linkIdentity(userID: id, idpID: "google-123", provider: "GoogleOAuth", in: tx)
                try UserManagementAPI.linkIdentity(userID: id, idpID: "google-123", provider: "GoogleOAuth", in: tx)
            }
            // Parsed objects come back with their keys sorted.
            #expect(try await api.get(path).json == [["idp_id": "google-123", "provider": "GoogleOAuth", "type": "OAuth"]])
            #expect(try await api.get("/user_management/users/user_missing/identities").status == .notFound)
        }
    }
}
