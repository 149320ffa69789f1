import GRDB

/// One top-level key of a scenario file, contributed by the area that owns those objects: it reads
/// its entries into a plan (reporting every problem, with its place in the file), then carries the
/// plan out inside the scenario's single transaction.
public protocol ScenarioSection: Sendable {
    /// The key in the file (`organizations`), also the kind that names of its entries refer to.
    var key: String { get }
    /// The JSON Schema of the section, for the published schema of the whole format.
    var sectionSchema: JSON { get }
    /// Reads every entry, reporting problems to `issues`. References to other sections' entries are
    /// checked against `issues.declared`.
    func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan
}

/// A section of entries keyed by local names (most are): its schema is that of one entry.
public protocol ScenarioEntriesSection: ScenarioSection {
    /// The JSON Schema of one entry.
    var entrySchema: JSON { get }
}

extension ScenarioEntriesSection {
    public var sectionSchema: JSON {
        ["type": "object", "propertyNames": ["pattern": "^[A-Za-z0-9_-]+$"], "additionalProperties": entrySchema]
    }
}

/// What a section will create, already validated.
public protocol ScenarioPlan: Sendable {
    /// Creates the objects, recording each under its local name in `names`; returns their wire form.
    func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)]
}

/// The IDs of the objects a scenario created (or will create), by kind and local name.
public struct ScenarioNames: Sendable {
    private var ids: [String: [String: String]] = [:]

    public init() {}

    public mutating func record(_ kind: String, _ name: String, id: String) { ids[kind, default: [:]][name] = id }

    /// The ID behind a reference that validation already checked.
    public func id(_ kind: String, _ name: String) throws -> String {
        guard let id = ids[kind]?[name] else {
            throw APIError(.unprocessableContent, code: "scenario_invalid", message: "Unknown \(kind) '\(name)'.")
        }
        return id
    }
}
