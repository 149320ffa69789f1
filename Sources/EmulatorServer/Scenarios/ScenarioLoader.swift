import EmulatorCore

/// Reads scenario files: validates the whole file first, reporting every problem with its path and
/// line, then applies it in one transaction, all or nothing. `serve --scenario`, the control API and
/// `workos-emulator validate` all go through here.
public struct ScenarioLoader: Sendable {
    /// Keys every file may carry besides the sections.
    static let documentKeys: Set<String> = ["description"]

    let sections: [any ScenarioSection]

    public static let standard = ScenarioLoader(sections: EmulatorAreas.scenarioSections)

    /// A scenario that passed validation, ready to apply to any number of environments.
    public struct Validated: Sendable {
        let plans: [(key: String, plan: any ScenarioPlan)]
    }

    public struct Invalid: Error, Sendable {
        public let issues: [ScenarioIssues.Issue]

        /// `path (line N): message`, one per line, as the command line prints them.
        public var report: String {
            issues.map { issue in
                let place = issue.path.isEmpty ? "file" : issue.path
                return issue.line.map { "\(place) (line \($0)): \(issue.message)" } ?? "\(place): \(issue.message)"
            }.joined(separator: "\n")
        }

        /// The control API's answer: 422 listing every problem.
        var apiError: APIError {
            APIError(.unprocessableContent, code: "scenario_invalid",
                     message: "The scenario has \(issues.count) problem\(issues.count == 1 ? "" : "s"). \(issues.first?.message ?? "")",
                     extra: ["errors": .array(issues.map { issue in
                         ["path": .string(issue.path), "line": issue.line.map { .int($0) } ?? .null, "message": .string(issue.message)]
                     })])
        }
    }

    public func validate(text: String) throws -> Validated {
        let parsed: ScenarioText
        do {
            parsed = try ScenarioText.parse(text)
        } catch let error as ScenarioText.SyntaxError {
            throw Invalid(issues: [.init(path: "", line: error.line, message: error.message)])
        }
        return try validate(parsed.json, lines: parsed.lines)
    }

    public func validate(_ json: JSON, lines: [String: Int] = [:]) throws -> Validated {
        let lookup: @Sendable (String) -> Int? = { lines[$0] }
        let root = ScenarioValue(json: json, path: "", lines: lookup)
        guard let document = json.objectValue else {
            throw Invalid(issues: [.init(path: "", line: root.line, message: "A scenario is a mapping of sections (organizations, …).")])
        }
        var declared: [String: Set<String>] = [:]
        for section in sections {
            declared[section.key] = Set(document[section.key]?.objectValue?.keys ?? [])
        }
        let issues = ScenarioIssues(declared: declared)
        let known = Set(sections.map(\.key)).union(Self.documentKeys)
        for key in document.keys where !known.contains(key) {
            issues.report(path: key, line: lines[key],
                          "\(key) is not a section of the scenario format (known: \(known.sorted().joined(separator: ", "))).")
        }
        var plans: [(String, any ScenarioPlan)] = []
        for section in sections {
            guard let value = document[section.key], !value.isNull else { continue }
            let sectionValue = ScenarioValue(json: value, path: section.key, lines: lookup)
            guard value.objectValue != nil else {
                issues.report(sectionValue, "\(section.key) must be a mapping of local names to entries.")
                continue
            }
            for entry in sectionValue.entries where !Self.isLocalName(entry.name) {
                issues.report(entry, "'\(entry.name)' is not a usable local name (letters, digits, '-' and '_').")
            }
            plans.append((section.key, section.plan(sectionValue.entries, issues: issues)))
        }
        guard issues.list.isEmpty else { throw Invalid(issues: issues.list) }
        return Validated(plans: plans)
    }

    /// Applies a validated scenario to an environment in one transaction; answers the created objects
    /// by section and local name.
    public func apply(_ scenario: Validated, to environment: Environment) async throws -> JSON {
        try await environment.write { tx in
            var names = ScenarioNames()
            var created = JSONObject()
            for (key, plan) in scenario.plans {
                var objects = JSONObject()
                for (name, object) in try plan.apply(in: tx, names: &names) { objects[name] = object }
                created[key] = .object(objects)
            }
            return .object(created)
        }
    }

    /// The JSON Schema of the whole format, published as `scenarios/scenario.schema.json`.
    public var jsonSchema: JSON {
        var properties: JSONObject = ["description": ["type": "string"]]
        for section in sections { properties[section.key] = section.sectionSchema }
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "workos-emulator scenario",
            "description": "The starting state of an emulated WorkOS environment. Entries are keyed by local names that other entries refer to.",
            "type": "object",
            "additionalProperties": false,
            "properties": .object(properties),
        ]
    }

    /// The schema as the published file holds it: pretty-printed, keys in a stable order.
    public var jsonSchemaText: String { jsonSchema.prettyText }

    static func isLocalName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
