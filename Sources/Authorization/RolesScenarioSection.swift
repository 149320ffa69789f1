import EmulatorCore
import GRDB

/// `roles:` in a scenario file: environment roles, and custom roles of the file's organizations, each
/// with the permissions (`permissions:` local names) it grants. An entry whose slug is an existing
/// environment role (`member`, `admin`) gives that role its permissions (and its name or description,
/// when set) instead of creating one.
///
/// ```yaml
/// roles:
///   member:
///     permissions: [read-posts]
///   editor:                      # slug: the local name unless `slug` says otherwise
///     name: Editor               # the local name when absent
///     permissions: [read-posts, write-posts]
///   acme-billing:
///     organization: acme         # a custom role of that organization
///     slug: org-billing          # begins with org-; made from the name when absent
///     name: Billing
/// ```
public struct RolesScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "roles"

    public var entrySchema: JSON {
        [
            "type": "object", "additionalProperties": false,
            "properties": [
                "slug": ["type": "string", "pattern": "^[a-z0-9_-]+$", "maxLength": 48],
                "organization": ["type": "string", "description": "local name of an entry of organizations"],
                "name": ["type": "string", "minLength": 1, "maxLength": 48],
                "description": ["type": "string", "maxLength": 150],
                "resource_type_slug": ["type": "string", "minLength": 1, "maxLength": 48],
                "permissions": ["type": "array", "items": ["type": "string", "description": "local name of an entry of permissions"]],
            ],
        ]
    }

    struct Role: Sendable {
        var localName: String
        var organization: String?
        var slug: String?
        var name: String?
        var description: String?
        var resourceTypeSlug: String?
        var permissions: [String]
    }

    struct Plan: ScenarioPlan {
        var roles: [Role]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try roles.map { entry in
                let permissions = try entry.permissions.map { name in
                    try PermissionRecord.fetchOne(tx.db, key: try names.id("permissions", name))!.slug
                }
                let role: RoleRecord
                if entry.organization == nil, let slug = entry.slug, var existing = try RoleRecord.environmentRole(slug, in: tx.db) {
                    _ = try existing.update(.init(name: entry.name, description: entry.description.map { .set($0) } ?? .unchanged),
                                            in: tx)
                    _ = try existing.setPermissions(permissions, in: tx)
                    role = existing
                } else {
                    let organizationID = try entry.organization.map { try names.id("organizations", $0) }
                    let name = entry.name ?? entry.localName
                    role = try NewRole(
                        slug: entry.slug ?? NewRole.generatedSlug(from: name),
                        organizationID: organizationID, name: name, description: entry.description,
                        resourceTypeSlug: entry.resourceTypeSlug ?? AuthorizationAPI.organizationResourceType,
                        permissionSlugs: permissions).create(in: tx)
                }
                names.record("roles", entry.localName, id: role.id)
                return (entry.localName, try role.wire(in: tx.db))
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        var slugs: [String: String] = [:]  // "organization/slug" → the entry that has it
        let roles = entries.compactMap { entry -> Role? in
            entry.rejectUnknownKeys(["slug", "organization", "name", "description", "resource_type_slug", "permissions"],
                                    in: issues)
            let organization = entry.reference("organization", to: "organizations", in: issues, required: false)
            let isCustom = entry["organization"] != nil
            // An environment role's slug defaults to the local name; a custom role's is made at apply time.
            let slug = (entry.string("slug", in: issues) ?? (isCustom ? nil : entry.name)).flatMap { text in
                ScenarioChecks.value(entry["slug"] ?? entry, text, issues: issues) {
                    try AuthorizationFields.slug($0, kind: isCustom ? .organizationRole : .environmentRole)
                }
            }
            if let slug {
                let scope = "\(organization ?? "")/\(slug)"
                if let other = slugs[scope] { issues.report(entry, "slug \(slug) is also \(other)'s.") }
                slugs[scope] = entry.name
            }
            let role = Role(
                localName: entry.name, organization: organization, slug: slug,
                name: ScenarioChecks.text(entry, "name", max: AuthorizationFields.maxNameLength, issues: issues),
                description: ScenarioChecks.text(entry, "description", max: AuthorizationFields.maxDescriptionLength, issues: issues),
                resourceTypeSlug: ScenarioChecks.text(entry, "resource_type_slug", max: AuthorizationFields.maxNameLength, issues: issues),
                permissions: entry.list("permissions", in: issues).compactMap { item in
                    guard let name = item.json.stringValue, issues.declared["permissions"]?.contains(name) == true else {
                        issues.report(item, "'\(item.json.stringValue ?? item.json.text)' is not one of the file's permissions.")
                        return nil
                    }
                    return name
                })
            return (isCustom && organization == nil) || (!isCustom && slug == nil) ? nil : role
        }
        return Plan(roles: roles)
    }
}
