import EmulatorCore
import Foundation

/// The `event` of `POST /audit_logs/events`, read and checked field by field as WorkOS's DTO checks it:
/// every problem found is reported in one 422 that names its field.
struct AuditLogEventInput: Sendable {
    struct Entity: Sendable {
        var id: String
        var type: String
        var name: String?
        var metadata: JSONObject?

        var json: JSON {
            var object: JSONObject = ["id": .string(id), "type": .string(type)]
            if let name { object["name"] = .string(name) }
            if let metadata { object["metadata"] = .object(metadata) }
            return .object(object)
        }
    }

    var action: String
    var occurredAt: Date
    var actor: Entity
    var targets: [Entity]
    var location: String
    var userAgent: String?
    var metadata: JSONObject?
    var version: Int?

    /// The spec's limits on every metadata object: 50 keys, keys of `[a-zA-Z0-9_-]{0,40}`, values that
    /// are numbers, booleans, or strings of at most 500 characters.
    static let maxMetadataKeys = 50
    static let maxMetadataValueLength = 500

    init(_ event: JSONObject) throws {
        var errors: [FieldError] = []
        func fail(_ field: String, _ code: String, _ message: String) {
            errors.append(FieldError(field: field, code: code, message: message))
        }
        func string(_ object: JSONObject?, _ key: String, _ field: String, required: Bool) -> String? {
            switch object?[key] {
            case .string(let text)? where !text.isEmpty: return text
            case nil, .null?, .string?:
                if required { fail(field, "required", "\(field) is required.") }
            case let other?:
                fail(field, "invalid_type", "\(field) must be a string, not \(other.typeName).")
            }
            return nil
        }
        func object(_ parent: JSONObject?, _ key: String, _ field: String, required: Bool) -> JSONObject? {
            switch parent?[key] {
            case .object(let value)?: return value
            case nil, .null?: if required { fail(field, "required", "\(field) is required.") }
            case let other?: fail(field, "invalid_type", "\(field) must be an object, not \(other.typeName).")
            }
            return nil
        }
        func checkedMetadata(_ parent: JSONObject?, _ field: String) -> JSONObject? {
            guard let value = object(parent, "metadata", field, required: false) else { return nil }
            if value.count > Self.maxMetadataKeys {
                fail(field, "too_many_keys", "\(field) may have at most \(Self.maxMetadataKeys) keys.")
            }
            for (key, item) in value.pairs {
                if key.count > 40 || !key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                    fail("\(field).\(key)", "invalid_key", "\(field) keys must be at most 40 letters, digits, '_' or '-'.")
                }
                switch item {
                case .int, .double, .bool: break
                case .string(let text) where text.count <= Self.maxMetadataValueLength: break
                case .string:
                    fail("\(field).\(key)", "too_long", "\(field).\(key) is longer than \(Self.maxMetadataValueLength) characters.")
                default:
                    fail("\(field).\(key)", "invalid_type", "\(field).\(key) must be a string, number or boolean, not \(item.typeName).")
                }
            }
            return value
        }
        func entity(_ value: JSONObject?, _ field: String) -> Entity {
            Entity(id: string(value, "id", "\(field).id", required: true) ?? "",
                   type: string(value, "type", "\(field).type", required: true) ?? "",
                   name: string(value, "name", "\(field).name", required: false),
                   metadata: checkedMetadata(value, "\(field).metadata"))
        }

        action = string(event, "action", "event.action", required: true) ?? ""
        let occurredText = string(event, "occurred_at", "event.occurred_at", required: true)
        let occurred = occurredText.flatMap(Timestamp.parse)
        if occurredText != nil && occurred == nil {
            fail("event.occurred_at", "invalid_date", "event.occurred_at must be an ISO-8601 date-time.")
        }
        occurredAt = (occurred ?? Date(timeIntervalSince1970: 0)).wholeMilliseconds
        actor = entity(object(event, "actor", "event.actor", required: true), "event.actor")
        var targets: [Entity] = []
        switch event["targets"] {
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                if let target = item.objectValue {
                    targets.append(entity(target, "event.targets[\(index)]"))
                } else {
                    fail("event.targets[\(index)]", "invalid_type", "event.targets[\(index)] must be an object.")
                }
            }
        case nil, .null?: fail("event.targets", "required", "event.targets is required.")
        case let other?: fail("event.targets", "invalid_type", "event.targets must be an array, not \(other.typeName).")
        }
        self.targets = targets
        let context = object(event, "context", "event.context", required: true)
        location = string(context, "location", "event.context.location", required: true) ?? ""
        userAgent = string(context, "user_agent", "event.context.user_agent", required: false)
        metadata = checkedMetadata(event, "event.metadata")
        switch event["version"] {
        case nil, .null?: version = nil
        case let value?:
            let parsed = value.intValue
            version = parsed
            if parsed.map({ $0 < 1 }) ?? true {
                fail("event.version", "invalid_type", "event.version must be a positive integer.")
            }
        }
        guard errors.isEmpty else { throw APIError.invalidParameters(errors) }
    }
}
