import EmulatorCore

/// Shortcuts every area's suites use.
extension APIClient {
    /// The environment the client's API key names.
    public var environment: Environment {
        get throws {
            guard let apiKey, let environment = emulator.registry.environment(apiKey: apiKey) else {
                throw TestFailure("no environment for key \(apiKey ?? "nil")")
            }
            return environment
        }
    }

    /// Posts and insists on 201, answering the created object.
    public func created(_ path: String, _ json: JSON = [:]) async throws -> JSON {
        try await expect(201, post: path, json)
    }

    /// Posts and insists on `status`, answering the body.
    public func expect(_ status: Int, post path: String, _ json: JSON = [:]) async throws -> JSON {
        let response = try await post(path, json)
        guard response.status.code == status else { throw TestFailure("\(path) answered \(response.status): \(response.text)") }
        return response.json
    }

    /// A new membership of the user in the organization: its ID.
    @discardableResult
    public func member(_ userID: String, of organizationID: String) async throws -> String {
        try await created("/user_management/organization_memberships", [
            "user_id": .string(userID), "organization_id": .string(organizationID),
        ]).id
    }

    /// A new organization's ID.
    public func organization(_ name: String = "Acme") async throws -> String {
        try await created("/organizations", ["name": .string(name)]).id
    }
}

extension JSON {
    /// The object's `id`; a test failure where it has none.
    public var id: String {
        get throws {
            guard let id = self["id"]?.stringValue else { throw TestFailure("no id in \(text)") }
            return id
        }
    }

    /// The IDs of a list's items.
    public var ids: [String] { (self["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } }
}
