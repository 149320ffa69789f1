import EmulatorCore

/// A flag to create, checked: what the control route's body and a scenario entry both become.
struct NewFlag: Sendable {
    var slug: String
    var name: String
    var description: String?
    var tags: [String]
    var enabled: Bool
    var defaultValue: Bool
    /// Organization and user IDs the flag is turned on for.
    var targetIDs: [String]

    static let slugPattern = "^[a-z0-9][a-z0-9_-]*$"
    static let maxSlugLength = 100
    static let maxNameLength = 100

    /// What is wrong with a slug, or nil: lower-case letters, digits, `-` and `_`, as dashboard keys are.
    static func slugProblem(_ slug: String) -> String? {
        let allowed = slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        guard !slug.isEmpty, slug.count <= maxSlugLength, allowed, slug.first != "-", slug.first != "_" else {
            return "slug must be 1 to \(maxSlugLength) lower-case letters, digits, '-' or '_', starting with a letter or digit."
        }
        return nil
    }

    static func nameProblem(_ name: String) -> String? {
        name.isEmpty || name.count > maxNameLength ? "name must be 1 to \(maxNameLength) characters." : nil
    }

    /// The control route's body: `slug` (required), `name` (the slug when absent), `description`,
    /// `tags`, `enabled` (false), `default_value` (false), `targets` (IDs). Unknown fields are errors.
    init(body: JSONBody) throws {
        try body.rejectUnknownFields(allowed: ["slug", "name", "description", "tags", "enabled", "default_value", "targets"])
        var errors: [FieldError] = []
        let slug = try body.requiredString("slug")
        if let problem = Self.slugProblem(slug) { errors.append(FieldError(field: "slug", code: "invalid_value", message: problem)) }
        let name = try body.string("name") ?? slug
        if let problem = Self.nameProblem(name) { errors.append(FieldError(field: "name", code: "invalid_value", message: problem)) }
        let targets = try body.stringArray("targets") ?? []
        for target in targets where !target.hasPrefix("org_") && !target.hasPrefix("user_") {
            errors.append(FieldError(field: "targets", code: "invalid_resource_id_format",
                                     message: "'\(target)' is not an organization or user ID."))
        }
        guard errors.isEmpty else { throw APIError.invalidParameters(errors) }
        self.init(slug: slug, name: name, description: try body.string("description"), tags: try body.stringArray("tags") ?? [],
                  enabled: try body.bool("enabled") ?? false, defaultValue: try body.bool("default_value") ?? false,
                  targetIDs: targets)
    }

    init(slug: String, name: String, description: String?, tags: [String], enabled: Bool, defaultValue: Bool,
         targetIDs: [String]) {
        self.slug = slug
        self.name = name
        self.description = description
        self.tags = tags
        self.enabled = enabled
        self.defaultValue = defaultValue
        self.targetIDs = targetIDs
    }
}
