import EmulatorCore
import EmulatorServer
import EmulatorTesting
import Testing

@Suite struct DirectoryScenarioTests {
    static let scenario = """
        organizations:
          acme: { name: Acme, domains: [acme.com] }
        directories:
          acme-okta:
            organization: acme
            name: Acme Okta
            type: okta scim v2.0
            users:
              alice: { email: alice@acme.com, first_name: Alice, roles: [admin] }
              bob: { email: bob@acme.com, state: suspended, custom_attributes: { department: Sales } }
            groups:
              everyone: { name: Everyone, members: [engineering, bob] }
              engineering: { name: Engineering, members: [alice] }
        """

    @Test func directoriesWithUsersAndNestedGroups() async throws {
        try await TestEmulator.run { api in
            let created = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": .string(Self.scenario)])
            #expect(created.status == .created, "\(created.text)")
            let client = api.with(apiKey: created.json["api_key"]?.stringValue)
            let directory = try #require(created.json["created"]?["directories"]?["acme-okta"])
            let id = try #require(directory["id"]?.stringValue)
            let alice = try #require(directory["users"]?["alice"]?.stringValue)
            let bob = try #require(directory["users"]?["bob"]?.stringValue)
            let everyone = try #require(directory["groups"]?["everyone"]?.stringValue)
            let engineering = try #require(directory["groups"]?["engineering"]?.stringValue)
            #expect(directory["name"] == "Acme Okta")
            #expect(directory["scim"]?["bearer_token"]?.stringValue?.isEmpty == false)

            #expect(try await client.get("/directory_users/\(bob)").json["state"] == "suspended")
            #expect(try await client.get("/directory_users/\(alice)").json["roles"] == [["slug": "admin"]])
            let members = try await client.get("/directory_users?group=\(everyone)").json["data"]?.arrayValue?.map { $0["id"] }
            #expect(members == [.string(bob)])

            let fixture = DirectoryFixture(organizationID: "", id: id, scimPath: "/scim/v2/\(id)",
                                           token: try #require(directory["scim"]?["bearer_token"]?.stringValue))
            let outer = try await fixture.scim(api, .get, "/Groups/\(everyone)").json
            #expect(Set(outer["members"]?.arrayValue?.compactMap { $0["value"]?.stringValue } ?? []) == [bob, engineering])
        }
    }

    static let mapped = """
        organizations:
          acme: { name: Acme, domains: [acme.com] }
        roles:
          acme-billing: { organization: acme, slug: org-billing, name: Billing }
        directories:
          acme-okta:
            organization: acme
            users:
              carol: { email: carol@acme.com }
              dan: { email: dan@acme.com }
              erin: { email: erin@acme.com, state: suspended }
            groups:
              finance: { name: Finance, members: [carol, erin] }
            group_roles:
              - { group: finance, role: org-billing }   # a local name
              - { group: Admins, role: admin }          # a group the identity provider will push
        """

    @Test func groupRolesDecideRolesAndMembershipsFollow() async throws {
        try await TestEmulator.run { api in
            let created = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": .string(Self.mapped)])
            #expect(created.status == .created, "\(created.text)")
            let client = api.with(apiKey: created.json["api_key"]?.stringValue)
            let directory = try #require(created.json["created"]?["directories"]?["acme-okta"])
            #expect(directory["group_roles"] == [["group": "Finance", "role": "org-billing"], ["group": "Admins", "role": "admin"]])
            let carol = try #require(directory["users"]?["carol"]?.stringValue)
            let dan = try #require(directory["users"]?["dan"]?.stringValue)
            #expect(try await client.get("/directory_users/\(carol)").json["role"] == ["slug": "org-billing"])
            #expect(try await client.get("/directory_users/\(dan)").json["role"] == ["slug": "member"])

            let organization = try #require(directory["organization_id"]?.stringValue)
            let memberships = try await DirectoryProvisioningTests.memberships(client, organization)
            let byEmail = Dictionary(uniqueKeysWithValues: memberships.map { ($0["user"]?["email"]?.stringValue ?? "", $0) })
            #expect(byEmail.keys.sorted() == ["carol@acme.com", "dan@acme.com"])
            #expect(byEmail["carol@acme.com"]?["role"] == ["slug": "org-billing"])
            #expect(byEmail["dan@acme.com"]?["role"] == ["slug": "member"])
            #expect(memberships.allSatisfy { $0["directory_managed"] == true })

            // The identity provider pushes the mapped Admins group.
            let fixture = DirectoryFixture(organizationID: organization, id: try #require(directory["id"]?.stringValue),
                                           scimPath: try #require(directory["scim"]?["endpoint"]?.stringValue),
                                           token: try #require(directory["scim"]?["bearer_token"]?.stringValue))
            let pushed = try await fixture.scim(api, .post, "/Groups", [
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Admins", "members": [["value": .string(dan)]],
            ])
            #expect(pushed.status == .created)
            #expect(try await client.get("/directory_users/\(dan)").json["role"] == ["slug": "admin"])

            let unknownRole = Self.mapped.replacingOccurrences(of: "role: admin", with: "role: astronaut")
            let refused = try await api.with(apiKey: nil).post("/_emulator/environments", ["scenario": .string(unknownRole)])
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
        }
    }

    @Test func invalidDirectoriesAreReportedWithTheirPaths() throws {
        let text = """
            organizations:
              acme: { name: Acme }
            directories:
              one:
                organization: globex
                type: ldap
                users:
                  alice: { first_name: Alice }
                groups:
                  a: { name: A, members: [b, nobody] }
                  b: { name: B, members: [a] }
            """
        #expect(throws: ScenarioLoader.Invalid.self) { try ScenarioLoader.standard.validate(text: text) }
        do {
            _ = try ScenarioLoader.standard.validate(text: text)
        } catch let invalid as ScenarioLoader.Invalid {
            let paths = invalid.issues.map(\.path)
            #expect(paths.contains("directories.one.organization"))
            #expect(paths.contains("directories.one.type"))
            #expect(paths.contains("directories.one.users.alice"))
            #expect(paths.contains("directories.one.groups.a"))
            #expect(invalid.issues.contains { $0.message.contains("cycle") })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
