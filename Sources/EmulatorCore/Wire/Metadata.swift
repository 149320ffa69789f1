/// WorkOS metadata: at most 50 string values, keys up to 40 characters, values up to 600.
/// A violation is WorkOS's 400 `invalid_metadata`.
public enum Metadata {
    public static let maxKeys = 50
    public static let maxKeyLength = 40
    public static let maxValueLength = 600

    public static func validate(_ object: JSONObject) throws -> JSONObject {
        func invalid(_ message: String) -> APIError {
            APIError(.badRequest, code: "invalid_metadata", message: message)
        }
        guard object.count <= maxKeys else { throw invalid("Metadata may have at most \(maxKeys) keys.") }
        for (key, value) in object.pairs {
            guard key.count <= maxKeyLength else {
                throw invalid("Metadata key '\(key)' is longer than \(maxKeyLength) characters.")
            }
            guard let text = value.stringValue else {
                throw invalid("Metadata value for '\(key)' must be a string, not \(value.typeName).")
            }
            guard text.count <= maxValueLength else {
                throw invalid("Metadata value for '\(key)' is longer than \(maxValueLength) characters.")
            }
        }
        return object
    }
}
