/// A value of a scenario file with its place in it (`organizations.acme.domains[0]`, line 7), so every
/// problem can be reported where the author will look for it.
public struct ScenarioValue: Sendable {
    public let json: JSON
    public let path: String
    public let line: Int?
    /// The key this value sits under in its mapping: an entry's local name.
    public let name: String
    let lines: @Sendable (String) -> Int?

    public init(json: JSON, path: String, name: String = "", lines: @escaping @Sendable (String) -> Int?) {
        self.json = json
        self.path = path
        self.name = name
        self.line = lines(path)
        self.lines = lines
    }

    public subscript(key: String) -> ScenarioValue? {
        json[key].map { ScenarioValue(json: $0, path: "\(path).\(key)", name: key, lines: lines) }
    }

    public var items: [ScenarioValue] {
        (json.arrayValue ?? []).enumerated().map { ScenarioValue(json: $1, path: "\(path)[\($0)]", lines: lines) }
    }

    public var entries: [ScenarioValue] {
        (json.objectValue?.pairs ?? []).map { ScenarioValue(json: $0.value, path: "\(path).\($0.key)", name: $0.key, lines: lines) }
    }
}

/// Every problem found in a scenario, each with its path and line.
public final class ScenarioIssues: @unchecked Sendable {
    public struct Issue: Sendable, Equatable {
        public let path: String
        public let line: Int?
        public let message: String

        public init(path: String, line: Int?, message: String) {
            self.path = path
            self.line = line
            self.message = message
        }
    }

    public private(set) var list: [Issue] = []
    /// The local names each section declares, known before any section is read.
    public let declared: [String: Set<String>]

    public init(declared: [String: Set<String>]) { self.declared = declared }

    public func report(_ value: ScenarioValue, _ message: String) {
        list.append(Issue(path: value.path, line: value.line, message: message))
    }

    public func report(path: String, line: Int?, _ message: String) {
        list.append(Issue(path: path, line: line, message: message))
    }
}

extension ScenarioValue {
    /// Reading helpers that report instead of throwing, so validation finds every problem at once.
    public func string(_ key: String, in issues: ScenarioIssues, required: Bool = false) -> String? {
        guard let value = self[key], !value.json.isNull else {
            if required { issues.report(path: "\(path).\(key)", line: line, "\(key) is required.") }
            return nil
        }
        guard let text = value.json.stringValue, !(required && text.isEmpty) else {
            issues.report(value, "\(key) must be a non-empty string.")
            return nil
        }
        return text
    }

    public func bool(_ key: String, in issues: ScenarioIssues) -> Bool? {
        guard let value = self[key], !value.json.isNull else { return nil }
        guard let bool = value.json.boolValue else {
            issues.report(value, "\(key) must be true or false.")
            return nil
        }
        return bool
    }

    public func object(_ key: String, in issues: ScenarioIssues) -> JSONObject? {
        guard let value = self[key], !value.json.isNull else { return nil }
        guard let object = value.json.objectValue else {
            issues.report(value, "\(key) must be a mapping.")
            return nil
        }
        return object
    }

    public func list(_ key: String, in issues: ScenarioIssues) -> [ScenarioValue] {
        guard let value = self[key], !value.json.isNull else { return [] }
        guard value.json.arrayValue != nil else {
            issues.report(value, "\(key) must be a list.")
            return []
        }
        return value.items
    }

    /// A reference to another entry by local name, checked against the names the file declares.
    public func reference(_ key: String, to kind: String, in issues: ScenarioIssues, required: Bool = true) -> String? {
        guard let name = string(key, in: issues, required: required) else { return nil }
        guard issues.declared[kind]?.contains(name) == true else {
            issues.report(self[key]!, "\(key) names '\(name)', which is not one of the file's \(kind).")
            return nil
        }
        return name
    }

    /// Reports every key outside `allowed`: a misspelt field must not be silently ignored.
    public func rejectUnknownKeys(_ allowed: Set<String>, in issues: ScenarioIssues) {
        guard let object = json.objectValue else {
            issues.report(self, "must be a mapping.")
            return
        }
        for key in object.keys where !allowed.contains(key) {
            issues.report(self[key]!, "\(key) is not a known field (known: \(allowed.sorted().joined(separator: ", "))).")
        }
    }
}
