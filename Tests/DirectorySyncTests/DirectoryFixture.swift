import EmulatorCore
import EmulatorTesting
import GRDB
import HTTPTypes
import Testing

/// A directory of an organization, made through the control API, with its SCIM endpoint and token.
struct DirectoryFixture {
    let organizationID: String
    let id: String
    let scimPath: String
    let token: String

    /// A directory of a new organization that claims `domain` (a domain belongs to one organization).
    static func make(_ api: APIClient, state: String = "linked", type: String = "okta scim v2.0",
                     domain: String = "acme.com") async throws -> DirectoryFixture {
        let organization = try await api.post("/organizations", ["name": "Acme", "domains": .strings([domain])]).json
        let organizationID = try #require(organization["id"]?.stringValue)
        let created = try await api.post("/_emulator/directories", [
            "organization_id": .string(organizationID), "type": .string(type), "domain": .string(domain), "state": .string(state),
        ])
        #expect(created.status == .created, "\(created.text)")
        let directory = created.json
        return DirectoryFixture(
            organizationID: organizationID, id: try #require(directory["id"]?.stringValue),
            scimPath: try #require(directory["scim"]?["endpoint"]?.stringValue),
            token: try #require(directory["scim"]?["bearer_token"]?.stringValue))
    }

    /// A SCIM request with the directory's bearer token (or another one).
    @discardableResult
    func scim(_ api: APIClient, _ method: HTTPRequest.Method, _ path: String, _ json: JSON? = nil,
              token: String? = nil) async throws -> APIResponse {
        try await api.with(apiKey: nil).request(method, scimPath + path, json: json,
                                                headers: [.authorization: "Bearer \(token ?? self.token)"])
    }

    /// The environment's events, oldest first: their types, or the data of one type.
    static func eventTypes(_ api: APIClient) async throws -> [String] {
        try await environment(api).read { db in try Event.order(Column("id")).fetchAll(db).map(\.event) }
    }

    static func events(_ api: APIClient, _ type: String) async throws -> [JSON] {
        try await environment(api).read { db in
            try Event.filter(Column("event") == type).order(Column("id")).fetchAll(db).map(\.data)
        }
    }

    /// How many rows a table holds, to see that nothing is left behind.
    static func rows(_ api: APIClient, _ table: String) async throws -> Int {
        try await environment(api).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    private static func environment(_ api: APIClient) throws -> Environment {
        try #require(api.apiKey.flatMap(api.emulator.registry.environment(apiKey:)))
    }
}
