import EmulatorCore
import Yams

/// Scenario text (YAML, or JSON, which YAML reads too) turned into JSON, remembering the line each
/// value started on so problems can be reported where the author will look.
struct ScenarioText {
    let json: JSON
    let lines: [String: Int]

    struct SyntaxError: Error {
        let line: Int?
        let message: String
    }

    static func parse(_ text: String) throws -> ScenarioText {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SyntaxError(line: Self.line(of: error), message: "\(error)".split(separator: "\n").first.map(String.init) ?? "invalid YAML")
        }
        var lines: [String: Int] = [:]
        let json = try node.map { try convert($0, path: "", lines: &lines) } ?? .object([:])
        return ScenarioText(json: json, lines: lines)
    }

    private static func convert(_ node: Node, path: String, lines: inout [String: Int]) throws -> JSON {
        if let line = node.mark?.line { lines[path] = line }
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSON.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map(JSON.int) ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(JSON.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .array(try sequence.enumerated().map { try convert($1, path: "\(path)[\($0)]", lines: &lines) })
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw SyntaxError(line: key.mark?.line, message: "mapping keys must be strings")
                }
                object[name] = try convert(value, path: path.isEmpty ? name : "\(path).\(name)", lines: &lines)
            }
            return .object(object)
        case .alias:
            throw SyntaxError(line: node.mark?.line, message: "YAML aliases are not supported in scenario files")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }
}
