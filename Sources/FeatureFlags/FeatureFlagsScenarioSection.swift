import EmulatorCore

/// `feature_flags:` in a scenario file: each entry, keyed by its local name, is a flag of the
/// environment, made as `POST /_emulator/feature_flags` makes one. Targets name the file's
/// organizations and users.
///
/// ```yaml
/// feature_flags:
///   beta-dashboard:
///     slug: beta-dashboard     # the local name when absent
///     name: Beta dashboard     # the slug when absent
///     description: The new dashboard     # optional; also tags
///     enabled: true            # default false
///     default_value: false     # what untargeted organizations and users get; default false
///     targets:
///       organizations: [acme]
///       users: [alice]
/// ```
public struct FeatureFlagsScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "feature_flags"

    public var entrySchema: JSON {
        let names: JSON = ["type": "array", "items": ["type": "string"]]
        return [
            "type": "object", "additionalProperties": false,
            "properties": [
                "slug": ["type": "string", "pattern": .string(NewFlag.slugPattern), "maxLength": .int(NewFlag.maxSlugLength)],
                "name": ["type": "string", "minLength": 1, "maxLength": .int(NewFlag.maxNameLength)],
                "description": ["type": "string"],
                "tags": names,
                "enabled": ["type": "boolean"],
                "default_value": ["type": "boolean"],
                "targets": [
                    "type": "object", "additionalProperties": false,
                    "properties": ["organizations": names, "users": names],
                ],
            ],
        ]
    }

    struct Entry: Sendable {
        var localName: String
        var flag: NewFlag
        var organizations: [String]
        var users: [String]
    }

    struct Plan: ScenarioPlan {
        var entries: [Entry]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try entries.map { entry in
                var flag = entry.flag
                flag.targetIDs = try entry.organizations.map { try names.id("organizations", $0) }
                    + entry.users.map { try names.id("users", $0) }
                let record = try FlagRecord.create(flag, by: .scenario, in: tx)
                names.record("feature_flags", entry.localName, id: record.id)
                return (entry.localName, record.wire)
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        var slugs: [String: String] = [:]  // slug → the entry that has it
        let planned = entries.compactMap { entry -> Entry? in
            entry.rejectUnknownKeys(["slug", "name", "description", "tags", "enabled", "default_value", "targets"], in: issues)
            let slug = entry.string("slug", in: issues) ?? entry.name
            var valid = true
            if let problem = NewFlag.slugProblem(slug) {
                issues.report(entry["slug"] ?? entry, problem)
                valid = false
            } else if let other = slugs[slug] {
                issues.report(entry, "slug \(slug) is also \(other)'s.")
            }
            slugs[slug] = entry.name
            let name = entry.string("name", in: issues) ?? slug
            if let problem = NewFlag.nameProblem(name) {
                issues.report(entry["name"] ?? entry, problem)
                valid = false
            }
            let tags = strings(entry.list("tags", in: issues), issues: issues)
            var organizations: [String] = []
            var users: [String] = []
            if let targets = entry["targets"], entry.object("targets", in: issues) != nil {
                targets.rejectUnknownKeys(["organizations", "users"], in: issues)
                organizations = references(targets.list("organizations", in: issues), to: "organizations", issues: issues)
                users = references(targets.list("users", in: issues), to: "users", issues: issues)
            }
            guard valid else { return nil }
            let flag = NewFlag(slug: slug, name: name, description: entry.string("description", in: issues), tags: tags,
                               enabled: entry.bool("enabled", in: issues) ?? false,
                               defaultValue: entry.bool("default_value", in: issues) ?? false, targetIDs: [])
            return Entry(localName: entry.name, flag: flag, organizations: organizations, users: users)
        }
        return Plan(entries: planned)
    }

    private func strings(_ items: [ScenarioValue], issues: ScenarioIssues) -> [String] {
        items.compactMap { item in
            guard let text = item.json.stringValue else {
                issues.report(item, "must be a string.")
                return nil
            }
            return text
        }
    }

    /// Local names of the file's `kind`, each checked to be declared.
    private func references(_ items: [ScenarioValue], to kind: String, issues: ScenarioIssues) -> [String] {
        items.compactMap { item in
            guard let name = strings([item], issues: issues).first else { return nil }
            guard issues.declared[kind]?.contains(name) == true else {
                issues.report(item, "names '\(name)', which is not one of the file's \(kind).")
                return nil
            }
            return name
        }
    }
}
