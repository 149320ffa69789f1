import EmulatorCore

/// `connections:` in a scenario file: each entry, keyed by its local name, is an SSO connection of an
/// organization of the file, with the users its test identity provider offers.
///
/// ```yaml
/// connections:
///   acme_sso:
///     organization: acme         # local name; not for OAuth types (GoogleOAuth, …)
///     type: OktaSAML             # default TestIdp; also id (pinned), name, external_id
///     state: active              # default; or draft, inactive
///     sign_in: automatic         # the test IdP signs the login_hint user in without a page
///     attribute_maps:            # as in POST /connections: profile field ← IdP attribute
///       custom_attributes: { department: dept }
///     profiles:
///       - email: alice@acme.com
///         first_name: Alice
///         last_name: Smith
///         groups: [Engineering]
///         raw_attributes: { dept: R&D }   # what the IdP asserts besides the standard fields
///         role: admin            # or roles: [admin, member]; also idp_id, custom_attributes
/// ```
public struct SSOScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "connections"

    public var entrySchema: JSON {
        let strings: JSON = ["type": "array", "items": ["type": "string"]]
        let profile: JSON = [
            "type": "object", "additionalProperties": false, "required": ["email"],
            "properties": [
                "email": ["type": "string", "format": "email"],
                "first_name": ["type": "string"],
                "last_name": ["type": "string"],
                "idp_id": ["type": "string", "minLength": 1],
                "groups": strings,
                "role": ["type": "string", "minLength": 1],
                "roles": strings,
                "custom_attributes": ["type": "object"],
                "raw_attributes": ["type": "object"],
            ],
        ]
        return [
            "type": "object", "additionalProperties": false,
            "properties": [
                "id": ["type": "string", "pattern": "^conn_"],
                "organization": ["type": "string", "description": "Local name of an entry of organizations."],
                "type": ["enum": .strings(ConnectionType.known)],
                "name": ["type": "string", "minLength": 1],
                "state": ["enum": .strings(ConnectionRecord.State.allCases.map(\.rawValue))],
                "external_id": ["type": "string", "minLength": 1],
                "sign_in": ["enum": .strings(ConnectionRecord.SignIn.allCases.map(\.rawValue))],
                "attribute_maps": [
                    "type": "object", "additionalProperties": false,
                    "properties": [
                        "standard_attributes": [
                            "type": "object", "additionalProperties": false,
                            "properties": .object(JSONObject(AttributeMapping.standardFields.sorted().map { ($0, ["type": "string"]) })),
                        ],
                        "custom_attributes": ["type": "object", "additionalProperties": ["type": "string"]],
                    ],
                ],
                "profiles": ["type": "array", "items": profile],
            ],
        ]
    }

    struct Plan: ScenarioPlan {
        var connections: [(name: String, organization: String?, connection: NewConnection)]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try connections.map { name, organization, planned in
                var connection = planned
                connection.organizationID = try organization.map { try names.id("organizations", $0) }
                let created = try connection.create(in: tx)
                names.record("connections", name, id: created.id)
                return (name, try created.wire(in: tx.db))
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        let connections = entries.compactMap { entry -> (String, String?, NewConnection)? in
            entry.rejectUnknownKeys(["id", "organization", "type", "name", "state", "external_id", "sign_in", "attribute_maps",
                                     "profiles"], in: issues)
            var type = ConnectionType.testIdP
            if let name = entry.string("type", in: issues) {
                guard let known = ConnectionType(name) else {
                    issues.report(entry["type"]!, "'\(name)' is not a connection type (for example TestIdp, OktaSAML, GenericOIDC, GoogleOAuth).")
                    return nil
                }
                type = known
            }
            let organization = entry.reference("organization", to: "organizations", in: issues, required: type.family != .oauth)
            var connection = NewConnection(type: type)
            connection.id = entry.string("id", in: issues)
            if let id = connection.id, !id.hasPrefix("conn_") { issues.report(entry["id"]!, "id must start with conn_.") }
            connection.name = entry.string("name", in: issues, required: entry["name"] != nil)
            connection.externalID = entry.string("external_id", in: issues, required: entry["external_id"] != nil)
            connection.state = enumValue("state", of: entry, issues: issues) ?? .active
            connection.signIn = enumValue("sign_in", of: entry, issues: issues) ?? .interactive
            if let maps = entry.object("attribute_maps", in: issues) {
                do { connection.attributeMaps = try ConnectionOptions.attributeMaps(maps) } catch let error as APIError {
                    issues.report(entry["attribute_maps"]!, error.body["message"]?.stringValue ?? "invalid attribute_maps")
                } catch {}
            }
            var emails: Set<String> = []
            connection.offeredUsers = entry.list("profiles", in: issues).compactMap { item in
                guard let user = Self.user(item, issues: issues) else { return nil }
                guard emails.insert(user.email.lowercased()).inserted else {
                    issues.report(item, "\(user.email) is offered twice.")
                    return nil
                }
                return user
            }
            return (entry.name, organization, connection)
        }
        return Plan(connections: connections)
    }

    private func enumValue<T: RawRepresentable & CaseIterable>(_ key: String, of entry: ScenarioValue, issues: ScenarioIssues) -> T?
    where T.RawValue == String {
        guard let text = entry.string(key, in: issues) else { return nil }
        guard let value = T(rawValue: text) else {
            issues.report(entry[key]!, "\(key) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
            return nil
        }
        return value
    }

    /// One of `profiles:`: a user the test identity provider offers.
    private static func user(_ item: ScenarioValue, issues: ScenarioIssues) -> IdPUser? {
        item.rejectUnknownKeys(["email", "first_name", "last_name", "idp_id", "groups", "role", "roles",
                                "custom_attributes", "raw_attributes"], in: issues)
        guard let email = item.string("email", in: issues, required: true) else { return nil }
        guard IdPUser.isEmail(email) else {
            issues.report(item["email"]!, "'\(email)' is not an email address.")
            return nil
        }
        var user = IdPUser(email: email, firstName: item.string("first_name", in: issues),
                           lastName: item.string("last_name", in: issues),
                           idpId: item.string("idp_id", in: issues, required: item["idp_id"] != nil))
        user.groups = strings("groups", of: item, issues: issues)
        if item["role"] != nil && item["roles"] != nil { issues.report(item, "give role or roles, not both.") }
        user.roles = item.string("role", in: issues, required: item["role"] != nil).map { [$0] } ?? strings("roles", of: item, issues: issues)
        user.customAttributes = item.object("custom_attributes", in: issues) ?? [:]
        user.rawAttributes = item.object("raw_attributes", in: issues) ?? [:]
        return user
    }

    private static func strings(_ key: String, of item: ScenarioValue, issues: ScenarioIssues) -> [String] {
        item.list(key, in: issues).compactMap { value in
            guard let text = value.json.stringValue, !text.isEmpty else {
                issues.report(value, "\(key) holds names (strings).")
                return nil
            }
            return text
        }
    }
}
