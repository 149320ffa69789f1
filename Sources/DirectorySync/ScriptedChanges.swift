import EmulatorCore
import GRDB

/// A directory user as the control API and scenario files describe it. It is written into the SCIM
/// document an identity provider would have pushed, so scripted users read back through SCIM, and
/// map to WorkOS's fields exactly as pushed ones do.
struct ScriptedUser: Sendable {
    static let fields: Set<String> = ["idp_id", "username", "email", "first_name", "last_name", "job_title", "state",
                                      "custom_attributes", "roles"]

    var idpID: String?
    var username: String?
    var email: String?
    var firstName: String?
    var lastName: String?
    var jobTitle: String?
    var state: DirectoryUserRecord.State?
    var customAttributes: JSONObject?
    var roles: [String]?

    init() {}

    init(_ body: JSONBody) throws {
        idpID = try body.string("idp_id")
        username = try body.string("username")
        email = try body.string("email")
        firstName = try body.string("first_name")
        lastName = try body.string("last_name")
        jobTitle = try body.string("job_title")
        state = try body.string("state").map { text in
            guard let state = DirectoryUserRecord.State(rawValue: text) else {
                throw APIError.invalidParameter("state", code: "invalid_value", "state must be active, suspended or inactive.")
            }
            return state
        }
        customAttributes = try body.objectValue("custom_attributes")
        roles = try body.stringArray("roles")
    }

    /// The user's fields after this change, over `current` when the user exists.
    func fields(over current: DirectoryUserRecord?) throws -> DirectoryUserFields {
        var document = current?.rawAttributes ?? ["schemas": .strings([SCIMSchema.user.id])]
        if let idpID { document["externalId"] = .string(idpID) }
        if let username = username ?? (current == nil ? email : nil) { document["userName"] = .string(username) }
        if let email { document["emails"] = [["value": .string(email), "type": "work", "primary": true]] }
        if firstName != nil || lastName != nil {
            var name = document["name"]?.objectValue ?? [:]
            if let firstName { name["givenName"] = .string(firstName) }
            if let lastName { name["familyName"] = .string(lastName) }
            name["formatted"] = nil
            document["name"] = .object(name)
        }
        if let jobTitle { document["title"] = .string(jobTitle) }
        if let state { document["active"] = .bool(state == .active) }
        guard document["userName"]?.stringValue?.isEmpty == false else {
            throw APIError.invalidParameter("email", code: "required", "A directory user needs an email or a username.")
        }
        var fields = DirectoryUserFields(scim: try Self.normalized(document))
        fields.state = state ?? current?.state ?? fields.state
        fields.customAttributes = customAttributes ?? current?.customAttributes ?? fields.customAttributes
        fields.roles = roles ?? current?.roles ?? []
        return fields
    }

    private static func normalized(_ document: JSONObject) throws -> JSONObject {
        do { return try SCIMDocument(type: .user).normalize(document) } catch let error as SCIMError {
            throw APIError.invalidParameter("user", code: "invalid_value", error.detail)
        }
    }
}

extension DirectoryRecord {
    /// How the control API and scenario results show a directory: its API form with its SCIM
    /// endpoint and bearer token, the full URL when the host is known.
    func controlWire(environmentID: String, baseURL: String?, in db: GRDB.Database) throws -> JSON {
        var wire = try self.wire(in: db)
        var scim: JSONObject = ["endpoint": .string("/scim/v2/\(id)")]
        if let baseURL { scim["base_url"] = .string("\(baseURL)/scim/v2/\(id)") }
        scim["bearer_token"] = .string(SCIMToken(environmentID: environmentID, secret: scimSecret).text)
        wire.set("scim", .object(scim))
        wire.set("group_roles", .array(groupRoles.map(\.wire)))
        return wire
    }
}
