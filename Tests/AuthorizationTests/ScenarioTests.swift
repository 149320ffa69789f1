import EmulatorCore
import EmulatorServer
import EmulatorTesting
import Testing

@Suite struct AuthorizationScenarioTests {
    static let scenario = """
        organizations:
          acme:
            name: Acme
        permissions:
          read-posts:
            slug: posts:read
            name: Read posts
          publish:
            name: Publish
            description: Publish a post
        roles:
          member:
            permissions: [read-posts]
          editor:
            name: Editor
            permissions: [read-posts, publish]
          acme-billing:
            organization: acme
            slug: org-billing
            name: Billing
        """

    @Test func permissionsAndRolesLoadByLocalName() async throws {
        try await TestEmulator.run { api in
            let created: JSON? = try await ScenarioLoader.standard.apply(try ScenarioLoader.standard.validate(text: Self.scenario),
                                                                        to: try api.environment)
            #expect(created?["permissions"]?["publish"]?["slug"] == "publish")
            #expect(created?["roles"]?["editor"]?["permissions"] == ["posts:read", "publish"])
            let orgID = try #require(created?["organizations"]?["acme"]?["id"]?.stringValue)

            #expect(try await api.get("/authorization/roles/member").json["permissions"] == ["posts:read"])
            #expect(try await api.get("/authorization/roles").json.slugs == ["member", "admin", "editor"])
            #expect(try await api.get("/authorization/organizations/\(orgID)/roles/org-billing").json["name"] == "Billing")
        }
    }

    @Test func problemsAreReportedWithTheirPaths() throws {
        let text = """
            permissions:
              bad:
                slug: Not A Slug
                name: Bad
              nameless: {}
            roles:
              stranger:
                organization: nowhere
                name: Stranger
              greedy:
                name: Greedy
                permissions: [missing]
              custom:
                organization: nowhere
                slug: no-prefix
            """
        do {
            _ = try ScenarioLoader.standard.validate(text: text)
            Issue.record("the scenario validated")
        } catch let invalid as ScenarioLoader.Invalid {
            let paths = Set(invalid.issues.map(\.path))
            #expect(paths.isSuperset(of: [
                "permissions.bad.slug", "permissions.nameless.name", "roles.stranger.organization",
                "roles.greedy.permissions[0]", "roles.custom.slug",
            ]), "\(invalid.report)")
        }
    }
}
