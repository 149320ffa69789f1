import Hummingbird

/// A JSON request body with typed, validating accessors. Every mistake is a WorkOS-shaped error that
/// names the field: malformed JSON → 400, a missing or mistyped field → 422.
public struct JSONBody: Sendable {
    public let object: JSONObject
    /// The largest body the API reads.
    public static let maximumSize = 4 << 20

    public init(_ object: JSONObject) { self.object = object }

    /// Reads and parses the body. An empty body (the SDK sends `Content-Type: application/json` on
    /// bodyless requests too) is an empty object.
    public static func read(_ request: Request, limit: Int = maximumSize) async throws -> JSONBody {
        try parse(try await request.bodyBytes(upTo: limit).readableBytesView)
    }

    public static func parse(_ bytes: some Collection<UInt8>) throws -> JSONBody {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return JSONBody([:]) }
        let value: JSON
        do {
            value = try JSON.parse(bytes)
        } catch {
            throw APIError(.badRequest, code: "invalid_json", message: "The request body is not valid JSON.")
        }
        guard case .object(let object) = value else {
            throw APIError(.badRequest, code: "invalid_json", message: "The request body must be a JSON object, not \(value.typeName).")
        }
        return JSONBody(object)
    }

    public func contains(_ key: String) -> Bool { object[key] != nil }

    // MARK: typed fields (absent and null both read as nil)

    public func string(_ key: String) throws -> String? {
        try typed(key, "a string") { $0.stringValue }
    }

    public func requiredString(_ key: String) throws -> String {
        guard let value = try string(key), !value.isEmpty else { throw Self.required(key) }
        return value
    }

    public func bool(_ key: String) throws -> Bool? {
        try typed(key, "a boolean") { $0.boolValue }
    }

    public func int(_ key: String) throws -> Int? {
        try typed(key, "an integer") { $0.intValue }
    }

    public func number(_ key: String) throws -> Double? {
        try typed(key, "a number") {
            switch $0 {
            case .int(let i): Double(i)
            case .double(let d): d
            default: nil
            }
        }
    }

    public func objectValue(_ key: String) throws -> JSONObject? {
        try typed(key, "an object") { $0.objectValue }
    }

    public func array(_ key: String) throws -> [JSON]? {
        try typed(key, "an array") { $0.arrayValue }
    }

    public func stringArray(_ key: String) throws -> [String]? {
        guard let items = try array(key) else { return nil }
        return try items.map { item in
            guard let s = item.stringValue else {
                throw APIError.invalidParameter(key, code: "invalid_type", "\(key) must be an array of strings.")
            }
            return s
        }
    }

    /// A field where `null` means "clear it" and absence means "leave it": the SDK sends explicit nulls
    /// for nullable arguments (`metadata`, `external_id`).
    public func update<T>(_ key: String, _ read: (String) throws -> T?) throws -> FieldUpdate<T> {
        switch object[key] {
        case nil: return .unchanged
        case .null?: return .clear
        default: return .set(try read(key)!)
        }
    }

    /// For the control API, whose contract is that unknown fields are errors.
    public func rejectUnknownFields(allowed: Set<String>) throws {
        let unknown = object.keys.filter { !allowed.contains($0) }
        guard unknown.isEmpty else {
            throw APIError.invalidParameters(unknown.map {
                FieldError(field: $0, code: "unknown_field",
                           message: "\($0) is not a known field (known: \(allowed.sorted().joined(separator: ", "))).")
            })
        }
    }

    private func typed<T>(_ key: String, _ expected: String, _ cast: (JSON) -> T?) throws -> T? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let typed = cast(value) else {
            throw APIError.invalidParameter(key, code: "invalid_type", "\(key) must be \(expected), not \(value.typeName).")
        }
        return typed
    }

    public static func required(_ key: String) -> APIError {
        APIError.invalidParameter(key, code: "required", "\(key) is required.")
    }
}

/// The three states of a nullable field in an update.
public enum FieldUpdate<T> {
    case unchanged
    case clear
    case set(T)

    public func applied(to current: T?) -> T? {
        switch self {
        case .unchanged: current
        case .clear: nil
        case .set(let value): value
        }
    }
}

extension FieldUpdate: Sendable where T: Sendable {}
