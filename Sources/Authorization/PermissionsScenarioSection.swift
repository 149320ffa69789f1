import EmulatorCore

/// `permissions:` in a scenario file: each entry, keyed by its local name, is a permission of the
/// environment. Roles (`roles:`) grant permissions by these local names.
///
/// ```yaml
/// permissions:
///   read-posts:
///     slug: posts:read        # the local name when absent
///     name: Read posts
///     description: Read any post        # optional; also resource_type_slug (default organization)
/// ```
public struct PermissionsScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "permissions"

    public var entrySchema: JSON {
        [
            "type": "object", "additionalProperties": false, "required": ["name"],
            "properties": [
                "slug": ["type": "string", "pattern": "^[a-z0-9_:.*-]+$", "maxLength": 48],
                "name": ["type": "string", "minLength": 1, "maxLength": 48],
                "description": ["type": "string", "maxLength": 150],
                "resource_type_slug": ["type": "string", "minLength": 1, "maxLength": 48],
            ],
        ]
    }

    struct Permission: Sendable {
        var localName: String
        var slug: String
        var name: String
        var description: String?
        var resourceTypeSlug: String
    }

    struct Plan: ScenarioPlan {
        var permissions: [Permission]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try permissions.map { permission in
                let record = try PermissionRecord.create(slug: permission.slug, name: permission.name,
                                                         description: permission.description,
                                                         resourceTypeSlug: permission.resourceTypeSlug, in: tx)
                names.record("permissions", permission.localName, id: record.id)
                return (permission.localName, record.wire)
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        var slugs: [String: String] = [:]  // slug → the entry that has it
        let permissions = entries.compactMap { entry -> Permission? in
            entry.rejectUnknownKeys(["slug", "name", "description", "resource_type_slug"], in: issues)
            let slug = ScenarioChecks.value(entry["slug"] ?? entry, entry.string("slug", in: issues) ?? entry.name, issues: issues) {
                try AuthorizationFields.slug($0, kind: .permission)
            }
            if let slug {
                if let other = slugs[slug] { issues.report(entry, "slug \(slug) is also \(other)'s.") }
                slugs[slug] = entry.name
            }
            let name = ScenarioChecks.text(entry, "name", max: AuthorizationFields.maxNameLength, required: true, issues: issues)
            let description = ScenarioChecks.text(entry, "description", max: AuthorizationFields.maxDescriptionLength, issues: issues)
            let resourceType = ScenarioChecks.text(entry, "resource_type_slug", max: AuthorizationFields.maxNameLength, issues: issues)
            guard let slug, let name else { return nil }
            return Permission(localName: entry.name, slug: slug, name: name, description: description,
                              resourceTypeSlug: resourceType ?? AuthorizationAPI.organizationResourceType)
        }
        return Plan(permissions: permissions)
    }
}
