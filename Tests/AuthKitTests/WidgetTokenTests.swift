import EmulatorCore
import EmulatorTesting
import Foundation
import HTTPTypes
import Testing

/// `POST /widgets/token`, and the token as a bearer on the operations its scopes permit.
@Suite struct WidgetTokenTests {
    /// An organization with an admin, and a second organization the admin is not in.
    struct World {
        let api: APIClient
        let acme: String
        let globex: String
        let admin: JSON
    }

    static func world(_ api: APIClient) async throws -> World {
        let acme = try await api.organization("Acme")
        let globex = try await api.organization("Globex")
        let admin = try await api.user("ann@acme.com")
        try await api.member(admin["id"], of: acme, role: "admin")
        return World(api: api, acme: acme, globex: globex, admin: admin)
    }

    static func token(_ api: APIClient, _ body: JSONObject) async throws -> String {
        let issued = try await api.post("/widgets/token", .object(body))
        try #require(issued.status == .created, "\(issued.text)")
        return try #require(issued.json["token"]?.stringValue)
    }

    /// The same server with the widget token as the bearer, as a widget in a browser calls it.
    static func widget(_ api: APIClient, _ token: String) -> APIClient { api.with(apiKey: token) }

    @Test func theTokenIsAJWTVerifiedByTheEnvironmentsJWKS() async throws {
        try await TestEmulator.run { api in
            _ = try await api.post("/_emulator/clock", ["frozen": true])
            let world = try await Self.world(api)
            let token = try await Self.token(api, ["organization_id": .string(world.acme), "user_id": world.admin["id"] ?? .null,
                                                   "scopes": ["widgets:users-table:manage"]])
            let claims = try await api.verifiedClaims(token)
            #expect(claims["sub"] == world.admin["id"] && claims["org_id"] == .string(world.acme))
            #expect(claims["permissions"] == ["widgets:users-table:manage"])
            let clientID = try api.clientID
            #expect(claims["aud"] == "widgets" && claims["client_id"] == .string(clientID))
            #expect(claims["jti"]?.stringValue?.hasPrefix("widget_session_") == true)
            let issuedAt = try #require(claims["iat"]?.intValue)
            #expect(issuedAt == Int(try api.now.timeIntervalSince1970))
            #expect(claims["exp"]?.intValue == issuedAt + 3600)
            // A user-only token, for the profile and security widgets.
            let userOnly = try await api.verifiedClaims(try await Self.token(api, ["user_id": world.admin["id"] ?? .null]))
            #expect(userOnly["org_id"] == nil && userOnly["permissions"] == [])
        }
    }

    @Test func badRequestsGetWorkOSShapedErrors() async throws {
        try await TestEmulator.run { api in
            let world = try await Self.world(api)
            let outsider = try await api.user("out@example.com")
            func issue(_ body: JSONObject) async throws -> APIResponse { try await api.post("/widgets/token", .object(body)) }
            let missing = try await issue(["organization_id": .string(world.acme)])
            #expect(missing.status == .unprocessableContent && missing.json["errors"]?.arrayValue?.first?["field"] == "user_id")
            let unknownUser = try await issue(["user_id": "user_nope"])
            #expect(unknownUser.status == .notFound && unknownUser.json["message"] == "User not found: 'user_nope'.")
            let unknownOrg = try await issue(["user_id": world.admin["id"] ?? .null, "organization_id": "org_nope"])
            #expect(unknownOrg.status == .notFound && unknownOrg.json["message"] == "Organization not found: 'org_nope'.")
            let notMember = try await issue(["user_id": outsider["id"] ?? .null, "organization_id": .string(world.acme)])
            #expect(notMember.status == .unprocessableContent && notMember.json["code"] == "organization_membership_not_found")
            let badScope = try await issue(["user_id": world.admin["id"] ?? .null, "organization_id": .string(world.acme),
                                            "scopes": ["widgets:everything"]])
            #expect(badScope.status == .unprocessableContent && badScope.json["errors"]?.arrayValue?.first?["field"] == "scopes")
            let scopesAlone = try await issue(["user_id": world.admin["id"] ?? .null, "scopes": ["widgets:users-table:manage"]])
            #expect(scopesAlone.status == .unprocessableContent
                    && scopesAlone.json["errors"]?.arrayValue?.first?["field"] == "organization_id")
        }
    }

    @Test func usersTableManageOpensTheOrganizationsMembersAndInvitations() async throws {
        try await TestEmulator.run { api in
            let world = try await Self.world(api)
            let bob = try await api.user("bob@acme.com")
            try await api.member(bob["id"], of: world.acme)
            let gus = try await api.user("gus@globex.com")
            try await api.member(gus["id"], of: world.globex)
            let widget = Self.widget(api, try await Self.token(api, [
                "organization_id": .string(world.acme), "user_id": world.admin["id"] ?? .null, "scopes": ["widgets:users-table:manage"]]))

            let members = try await widget.get("/user_management/organization_memberships?organization_id=\(world.acme)")
            #expect(members.status == .ok && members.json["data"]?.arrayValue?.count == 2)
            #expect(try await widget.get("/user_management/users?organization_id=\(world.acme)").json["data"]?.arrayValue?.count == 2)
            #expect(try await widget.get("/authorization/organizations/\(world.acme)/roles").status == .ok)

            let invited = try await widget.post("/user_management/invitations", ["email": "new@acme.com", "organization_id": .string(world.acme)])
            #expect(invited.status == .created)
            let invitationID = try #require(invited.json["id"]?.stringValue)
            #expect(try await widget.post("/user_management/invitations/\(invitationID)/revoke").json["state"] == "revoked")

            let bobsMembership = try #require(members.json["data"]?.arrayValue?.first { $0["user_id"] == bob["id"] }?["id"]?.stringValue)
            #expect(try await widget.request(.put, "/user_management/organization_memberships/\(bobsMembership)",
                                             json: ["role_slug": "admin"]).json["role"]?["slug"] == "admin")
            #expect(try await widget.request(.delete, "/user_management/organization_memberships/\(bobsMembership)").status == .ok)

            // Another organization, and what the scope does not cover, are refused.
            let forbidden: [(HTTPRequest.Method, String, JSON?)] = [
                (.get, "/user_management/organization_memberships?organization_id=\(world.globex)", nil),
                (.get, "/user_management/organization_memberships", nil),
                (.get, "/user_management/users", nil),
                (.post, "/user_management/invitations", ["email": "x@globex.com", "organization_id": .string(world.globex)]),
                (.get, "/authorization/organizations/\(world.globex)/roles", nil),
                (.get, "/organizations", nil),
                (.get, "/organizations/\(world.acme)", nil),
                (.post, "/widgets/token", ["user_id": world.admin["id"] ?? .null]),
            ]
            for (method, path, body) in forbidden {
                let refused = try await widget.request(method, path, json: body)
                #expect(refused.status == .forbidden, "\(method) \(path): \(refused.status)")
                #expect(refused.json["code"] == "forbidden")
            }
            let gusMembership = try await api.get("/user_management/organization_memberships?organization_id=\(world.globex)")
                .json["data"]?.arrayValue?.first?["id"]?.stringValue
            #expect(try await widget.request(.delete, "/user_management/organization_memberships/\(try #require(gusMembership))").status == .forbidden)
            #expect(try await api.get("/user_management/organization_memberships?organization_id=\(world.globex)").json["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func domainVerificationManageOpensTheOrganizationsDomains() async throws {
        try await TestEmulator.run { api in
            let world = try await Self.world(api)
            let widget = Self.widget(api, try await Self.token(api, [
                "organization_id": .string(world.acme), "user_id": world.admin["id"] ?? .null,
                "scopes": ["widgets:domain-verification:manage"]]))
            #expect(try await widget.get("/organizations/\(world.acme)").json["name"] == "Acme")
            let added = try await widget.post("/organization_domains", ["organization_id": .string(world.acme), "domain": "acme.dev"])
            #expect(added.status == .created)
            let domainID = try #require(added.json["id"]?.stringValue)
            #expect(try await widget.post("/organization_domains/\(domainID)/verify").status == .created)
            #expect(try await widget.get("/organization_domains/\(domainID)").json["state"] == "verified")
            #expect(try await widget.post("/organization_domains", ["organization_id": .string(world.globex), "domain": "globex.dev"]).status == .forbidden)
            #expect(try await widget.get("/organizations/\(world.globex)").status == .forbidden)
            #expect(try await widget.get("/user_management/organization_memberships?organization_id=\(world.acme)").status == .forbidden)
            #expect(try await widget.request(.delete, "/organization_domains/\(domainID)").status == .noContent)
            #expect(try await api.get("/organization_domains/\(domainID)").status == .notFound)
        }
    }

    @Test func apiKeysManageOpensTheOrganizationsKeys() async throws {
        try await TestEmulator.run { api in
            let world = try await Self.world(api)
            let widget = Self.widget(api, try await Self.token(api, [
                "organization_id": .string(world.acme), "user_id": world.admin["id"] ?? .null,
                "scopes": ["widgets:api-keys:manage"]]))
            let created = try await widget.post("/organizations/\(world.acme)/api_keys", ["name": "From the widget"])
            #expect(created.status == .created)
            let keyID = try #require(created.json["id"]?.stringValue)
            #expect(try await widget.get("/organizations/\(world.acme)/api_keys").json["data"]?.arrayValue?.count == 1)
            let theirs = try await api.post("/organizations/\(world.globex)/api_keys", ["name": "Globex's"])
            let theirID = try #require(theirs.json["id"]?.stringValue)
            #expect(try await widget.get("/organizations/\(world.globex)/api_keys").status == .forbidden)
            #expect(try await widget.post("/organizations/\(world.globex)/api_keys", ["name": "x"]).status == .forbidden)
            #expect(try await widget.request(.delete, "/api_keys/\(theirID)").status == .forbidden)
            #expect(try await widget.post("/api_keys/\(keyID)/expire").status == .forbidden)
            #expect(try await widget.request(.delete, "/api_keys/\(keyID)").status == .noContent)
            #expect(try await api.get("/organizations/\(world.acme)/api_keys").json["data"] == [])
        }
    }

    @Test func aTokenStopsWorkingWhenItExpiresOrItsUserLeaves() async throws {
        try await TestEmulator.run { api in
            let world = try await Self.world(api)
            let body: JSONObject = ["organization_id": .string(world.acme), "user_id": world.admin["id"] ?? .null,
                                    "scopes": ["widgets:users-table:manage"]]
            let list = "/user_management/organization_memberships?organization_id=\(world.acme)"
            let expiring = Self.widget(api, try await Self.token(api, body))
            #expect(try await expiring.get(list).status == .ok)
            try await api.advanceClock(3600)
            #expect(try await expiring.get(list).status == .unauthorized)

            let fresh = try await Self.token(api, body)
            // A token whose signature does not match its claims is nothing the emulator issued.
            var parts = fresh.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            #expect(try await Self.widget(api, parts.joined(separator: ".")).get(list).status == .unauthorized)

            let membership = try #require(try await api.get(list).json["data"]?.arrayValue?.first?["id"]?.stringValue)
            #expect(try await api.request(.delete, "/user_management/organization_memberships/\(membership)").status == .ok)
            #expect(try await Self.widget(api, fresh).get(list).status == .unauthorized)
            // Never a way into the control API.
            #expect(try await Self.widget(api, fresh).get("/_emulator/authkit").status == .unauthorized)
        }
    }
}
