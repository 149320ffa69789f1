import EmulatorCore

/// `directories:` in a scenario file: each entry, keyed by its local name, is a directory of one of the
/// file's organizations, with its users and groups keyed by local names of their own. A group's
/// `members` name users and groups of the same directory, so groups nest. `group_roles` maps groups to
/// roles, highest priority first (see `GroupRole`): `group` is the local name of one of the
/// directory's groups, or the name of a group the identity provider will push.
///
/// ```yaml
/// directories:
///   acme-okta:
///     organization: acme           # an organizations: entry
///     name: Acme Okta              # optional; also id (pinned), type, domain, state (linked | unlinked)
///     type: okta scim v2.0
///     users:
///       alice: { email: alice@acme.com, first_name: Alice, last_name: Liddell, job_title: Engineer }
///       bob: { email: bob@acme.com, state: suspended, custom_attributes: { department: Sales } }
///     groups:
///       engineering: { name: Engineering, members: [alice, platform] }
///       platform: { name: Platform, members: [bob] }
///     group_roles:
///       - { group: platform, role: admin }   # an organization or environment role
/// ```
public struct DirectoriesScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "directories"

    public var entrySchema: JSON {
        let user: JSON = [
            "type": "object", "additionalProperties": false,
            "properties": [
                "idp_id": ["type": "string"], "username": ["type": "string"], "email": ["type": "string"],
                "first_name": ["type": "string"], "last_name": ["type": "string"], "job_title": ["type": "string"],
                "state": ["enum": .strings(DirectoryUserRecord.State.allCases.map(\.rawValue))],
                "custom_attributes": ["type": "object"],
                "roles": ["type": "array", "items": ["type": "string"]],
            ],
            "anyOf": [["required": ["email"]], ["required": ["username"]]],
        ]
        let group: JSON = [
            "type": "object", "additionalProperties": false, "required": ["name"],
            "properties": [
                "name": ["type": "string", "minLength": 1], "idp_id": ["type": "string"],
                "members": ["type": "array", "items": ["type": "string"]],
            ],
        ]
        return [
            "type": "object", "additionalProperties": false, "required": ["organization"],
            "properties": [
                "id": ["type": "string", "pattern": "^directory_"],
                "organization": ["type": "string"],
                "name": ["type": "string", "minLength": 1],
                "type": ["enum": .strings(DirectoryRecord.types.sorted())],
                "domain": ["type": "string"],
                "state": ["enum": ["linked", "unlinked"]],
                "users": ["type": "object", "additionalProperties": user],
                "groups": ["type": "object", "additionalProperties": group],
                "group_roles": ["type": "array", "items": [
                    "type": "object", "additionalProperties": false, "required": ["group", "role"],
                    "properties": ["group": ["type": "string", "minLength": 1], "role": ["type": "string", "minLength": 1]],
                ]],
            ],
        ]
    }

    struct PlannedGroup: Sendable {
        var name: String
        var idpID: String?
        var members: [String]
    }

    struct PlannedDirectory: Sendable {
        var name: String
        var organization: String
        var directory: NewDirectory
        var users: [(name: String, user: ScriptedUser)]
        var groups: [(name: String, group: PlannedGroup)]
    }

    struct Plan: ScenarioPlan {
        var directories: [PlannedDirectory]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try directories.map { planned in
                var new = planned.directory
                new.organizationID = try names.id("organizations", planned.organization)
                let directory = try new.create(in: tx)
                names.record("directories", planned.name, id: directory.id)
                let writer = DirectoryWriter(tx: tx, directory: directory)
                // Groups first, nested as declared, so each user is created in its groups with the
                // roles they map to, rather than created and then updated.
                var groups = JSONObject()
                var records: [String: DirectoryGroupRecord] = [:]
                for (name, group) in planned.groups {
                    let fields = DirectoryControlController.groupFields(name: group.name, idpID: group.idpID, over: nil)
                    let record = try writer.createGroup(fields)
                    records[name] = record
                    groups[name] = .string(record.id)
                }
                for (name, group) in planned.groups {
                    for member in group.members { if let nested = records[member] { try writer.addMember(nested.id, to: records[name]!) } }
                }
                var users = JSONObject()
                for (name, user) in planned.users {
                    let joining = planned.groups.filter { $0.group.members.contains(name) }.compactMap { records[$0.name] }
                    users[name] = .string(try writer.createUser(try user.fields(over: nil), joining: joining).id)
                }
                var object = try directory.controlWire(environmentID: tx.environmentID, baseURL: nil, in: tx.db)
                object.set("users", .object(users))
                object.set("groups", .object(groups))
                return (planned.name, object)
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        Plan(directories: entries.compactMap { entry in
            entry.rejectUnknownKeys(["id", "organization", "name", "type", "domain", "state", "users", "groups", "group_roles"],
                                    in: issues)
            let organization = entry.reference("organization", to: "organizations", in: issues)
            var directory = NewDirectory(organizationID: "")
            directory.id = entry.string("id", in: issues)
            if let id = directory.id, !id.hasPrefix("directory_") { issues.report(entry["id"]!, "id must start with directory_.") }
            directory.name = entry.string("name", in: issues, required: false)
            if let type = entry.string("type", in: issues) {
                if DirectoryRecord.types.contains(type) { directory.type = type } else { issues.report(entry["type"]!, "'\(type)' is not a directory type.") }
            }
            directory.domain = entry.string("domain", in: issues)
            if let state = entry.string("state", in: issues) {
                if let parsed = DirectoryRecord.State(rawValue: state), [.linked, .unlinked].contains(parsed) {
                    directory.state = parsed
                } else {
                    issues.report(entry["state"]!, "state must be linked or unlinked.")
                }
            }
            let users = mapping(entry, "users", issues).compactMap { user(from: $0, issues: issues) }
            let userNames = Set(users.map(\.name))
            var groups = mapping(entry, "groups", issues).compactMap { group(from: $0, issues: issues) }
            let groupNames = Set(groups.map(\.name))
            for name in userNames.intersection(groupNames).sorted() {
                issues.report(entry["groups"]![name]!, "'\(name)' names both a user and a group of this directory.")
            }
            for index in groups.indices {
                let value = entry["groups"]![groups[index].name]!
                groups[index].group.members = groups[index].group.members.filter { member in
                    guard userNames.contains(member) || groupNames.contains(member) else {
                        issues.report(value, "members names '\(member)', which is neither a user nor a group of this directory.")
                        return false
                    }
                    return true
                }
            }
            if let cycle = Self.cycle(in: groups) {
                issues.report(entry["groups"]!, "groups nest in a cycle: \(cycle.joined(separator: " → ")).")
            }
            let groupNamesByLocalName = Dictionary(groups.map { ($0.name, $0.group.name) }, uniquingKeysWith: { first, _ in first })
            directory.groupRoles = entry.list("group_roles", in: issues).compactMap { item in
                groupRole(from: item, groupNames: groupNamesByLocalName, issues: issues)
            }
            guard let organization else { return nil }
            return PlannedDirectory(name: entry.name, organization: organization, directory: directory, users: users, groups: groups)
        })
    }

    private func mapping(_ entry: ScenarioValue, _ key: String, _ issues: ScenarioIssues) -> [ScenarioValue] {
        guard let value = entry[key], !value.json.isNull else { return [] }
        guard value.json.objectValue != nil else {
            issues.report(value, "\(key) must be a mapping of local names to entries.")
            return []
        }
        return value.entries
    }

    private func user(from value: ScenarioValue, issues: ScenarioIssues) -> (name: String, user: ScriptedUser)? {
        value.rejectUnknownKeys(ScriptedUser.fields, in: issues)
        guard let object = value.json.objectValue else { return nil }
        do {
            let user = try ScriptedUser(JSONBody(object))
            guard user.email != nil || user.username != nil else {
                issues.report(value, "a directory user needs an email or a username.")
                return nil
            }
            _ = try user.fields(over: nil)
            return (value.name, user)
        } catch let error as APIError {
            issues.report(value, error.body["message"]?.stringValue ?? "invalid user")
            return nil
        } catch {
            issues.report(value, "\(error)")
            return nil
        }
    }

    /// A mapping whose `group` is a local group name becomes one naming that group's name.
    private func groupRole(from value: ScenarioValue, groupNames: [String: String], issues: ScenarioIssues) -> GroupRole? {
        value.rejectUnknownKeys(["group", "role"], in: issues)
        guard let group = value.string("group", in: issues, required: true),
              let role = value.string("role", in: issues, required: true) else { return nil }
        return GroupRole(group: groupNames[group] ?? group, role: role)
    }

    private func group(from value: ScenarioValue, issues: ScenarioIssues) -> (name: String, group: PlannedGroup)? {
        value.rejectUnknownKeys(["name", "idp_id", "members"], in: issues)
        guard let name = value.string("name", in: issues, required: true) else { return nil }
        let members = value.list("members", in: issues).compactMap { item -> String? in
            guard let member = item.json.stringValue else {
                issues.report(item, "a member is the local name of a user or group.")
                return nil
            }
            return member
        }
        return (value.name, PlannedGroup(name: name, idpID: value.string("idp_id", in: issues), members: members))
    }

    /// A chain of groups that contains itself, if the file declares one.
    static func cycle(in groups: [(name: String, group: PlannedGroup)]) -> [String]? {
        let members = Dictionary(groups.map { ($0.name, $0.group.members) }, uniquingKeysWith: { first, _ in first })
        var done: Set<String> = []
        func visit(_ name: String, _ path: [String]) -> [String]? {
            if let start = path.firstIndex(of: name) { return Array(path[start...]) + [name] }
            guard !done.contains(name), let inner = members[name] else { return nil }
            for member in inner { if let cycle = visit(member, path + [name]) { return cycle } }
            done.insert(name)
            return nil
        }
        for group in groups { if let cycle = visit(group.name, []) { return cycle } }
        return nil
    }
}
