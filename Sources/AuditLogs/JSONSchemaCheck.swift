import EmulatorCore

/// The part of JSON Schema that audit log schemas use in practice (`type`, `properties`, `required`,
/// `additionalProperties: false`, `enum`, `items`), checked against a value. Each violation is a
/// message naming the path, so a rejected event says everything that is wrong with it at once.
enum JSONSchemaCheck {
    static let types: Set<String> = ["object", "string", "number", "integer", "boolean", "array", "null"]

    static func violations(of schema: JSONObject, by value: JSON, at path: String) -> [String] {
        var found: [String] = []
        if let type = schema["type"]?.stringValue, !matches(type, value) {
            return ["\(path) must be of type \(type), not \(value.typeName)."]
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            found.append("\(path) must be one of \(allowed.map(\.text).joined(separator: ", ")).")
        }
        if case .object(let object) = value {
            let properties = schema["properties"]?.objectValue ?? [:]
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                found.append("\(path).\(name) is required.")
            }
            for (key, item) in object.pairs {
                if let property = properties[key]?.objectValue {
                    found += violations(of: property, by: item, at: "\(path).\(key)")
                } else if schema["additionalProperties"] == .bool(false) {
                    found.append("\(path).\(key) is not allowed by the schema.")
                }
            }
        }
        if case .array(let items) = value, let itemSchema = schema["items"]?.objectValue {
            for (index, item) in items.enumerated() {
                found += violations(of: itemSchema, by: item, at: "\(path)[\(index)]")
            }
        }
        return found
    }

    private static func matches(_ type: String, _ value: JSON) -> Bool {
        switch (type, value) {
        case ("object", .object), ("string", .string), ("boolean", .bool), ("array", .array), ("null", .null),
             ("number", .int), ("number", .double), ("integer", .int):
            true
        case ("integer", .double(let d)):
            d.rounded() == d
        default:
            false
        }
    }

    /// A schema the emulator can check: an object whose `type`, if any, is a JSON Schema type.
    static func isUsable(_ schema: JSONObject) -> Bool {
        guard let type = schema["type"] else { return true }
        return type.stringValue.map(types.contains) ?? false
    }
}
