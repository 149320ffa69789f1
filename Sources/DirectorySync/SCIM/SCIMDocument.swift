import EmulatorCore

/// Checks resource documents against their schemas. What an identity provider sends is made canonical
/// before it is stored: attribute names spelt as the schema spells them (SCIM names are
/// case-insensitive), values of the declared types, read-only and write-only attributes dropped,
/// `null` and empty lists meaning "unassigned". Attributes no schema declares are ignored, except
/// whole extension objects under a URN, which are kept as raw attributes.
struct SCIMDocument {
    let type: SCIMResourceType

    func normalize(_ input: JSONObject) throws -> JSONObject {
        var core = JSONObject()
        var extensions: [(urn: String, object: JSONObject)] = []
        var externalID: String?

        func addExtension(_ urn: String, _ key: String, _ value: JSON) {
            if let index = extensions.firstIndex(where: { $0.urn == urn }) {
                extensions[index].object[key] = value
            } else {
                extensions.append((urn, [key: value]))
            }
        }

        for (key, value) in input.pairs {
            switch Target(key, in: type) {
            case .ignored:
                continue
            case .externalId:
                guard !value.isNull else { continue }
                guard let text = value.stringValue else { throw SCIMError.invalidValue("externalId must be a string.") }
                if !text.isEmpty { externalID = text }
            case .attribute(let attribute):
                if let value = try normalize(value, as: attribute, path: attribute.name) { core[attribute.name] = value }
            case .extensionAttribute(let schema, let attribute):
                if let value = try normalize(value, as: attribute, path: "\(schema.id):\(attribute.name)") {
                    addExtension(schema.id, attribute.name, value)
                }
            case .extensionObject(let schema):
                guard !value.isNull else { continue }
                guard let object = value.objectValue else { throw SCIMError.invalidValue("\(schema.id) must be an object.") }
                for (name, inner) in object.pairs {
                    guard let attribute = schema.attribute(name),
                          let value = try normalize(inner, as: attribute, path: "\(schema.id):\(attribute.name)") else { continue }
                    addExtension(schema.id, attribute.name, value)
                }
            case .customExtension(let urn):
                if let object = value.objectValue, !object.isEmpty { extensions.append((urn, object)) }
            }
        }

        for attribute in type.schema.attributes where attribute.required && core[attribute.name] == nil {
            throw SCIMError.invalidValue("\(attribute.name) is required.")
        }
        var document: JSONObject = ["schemas": .strings([type.schema.id] + extensions.map(\.urn))]
        if let externalID { document["externalId"] = .string(externalID) }
        for attribute in type.schema.attributes { if let value = core[attribute.name] { document[attribute.name] = value } }
        for (urn, object) in extensions { document[urn] = .object(object) }
        return document
    }

    /// A value made canonical for its attribute; nil when it leaves the attribute unassigned.
    func normalize(_ value: JSON, as attribute: SCIMAttribute, path: String) throws -> JSON? {
        if value.isNull || attribute.mutability == .readOnly || attribute.returned == .never { return nil }
        if attribute.multiValued {
            let items = value.arrayValue ?? [value]
            var single = attribute
            single.multiValued = false
            let normalized = try items.compactMap { try normalize($0, as: single, path: path) }
            return normalized.isEmpty ? nil : .array(normalized)
        }
        switch attribute.kind {
        case .complex:
            guard let object = value.objectValue else { throw SCIMError.invalidValue("\(path) must be an object.") }
            var result = JSONObject()
            for (name, inner) in object.pairs {
                guard let sub = attribute.subAttribute(name),
                      let normalized = try normalize(inner, as: sub, path: "\(path).\(sub.name)") else { continue }
                result[sub.name] = normalized
            }
            return result.isEmpty ? nil : .object(result)
        case .boolean:
            // Some providers (Azure AD) send booleans as the strings "True" and "False".
            if let bool = value.boolValue { return .bool(bool) }
            switch value.stringValue?.lowercased() {
            case "true": return true
            case "false": return false
            default: throw SCIMError.invalidValue("\(path) must be a boolean.")
            }
        case .integer:
            guard let int = value.intValue else { throw SCIMError.invalidValue("\(path) must be an integer.") }
            return .int(int)
        case .decimal:
            switch value {
            case .int, .double: return value
            default: throw SCIMError.invalidValue("\(path) must be a number.")
            }
        case .string, .reference, .binary, .dateTime:
            guard value.stringValue != nil else { throw SCIMError.invalidValue("\(path) must be a string.") }
            return value
        }
    }

    /// What a top-level key of a resource document names.
    enum Target {
        case ignored
        case externalId
        case attribute(SCIMAttribute)
        case extensionObject(SCIMSchema)
        case extensionAttribute(SCIMSchema, SCIMAttribute)
        case customExtension(String)

        init(_ key: String, in type: SCIMResourceType) {
            let lower = key.lowercased()
            if lower == "externalid" { self = .externalId; return }
            if lower == "schemas" || lower == "id" || lower == "meta" { self = .ignored; return }
            if let attribute = type.schema.attribute(key) { self = .attribute(attribute); return }
            if let schema = type.extensionSchema(key) { self = .extensionObject(schema); return }
            // `urn:…:User:userName` and `urn:…:enterprise:2.0:User:department`: attributes named with their schema.
            for schema in [type.schema] + type.extensions where lower.hasPrefix(schema.id.lowercased() + ":") {
                let name = String(key.dropFirst(schema.id.count + 1))
                guard let attribute = schema.attribute(name) else { break }
                self = schema.id == type.schema.id ? .attribute(attribute) : .extensionAttribute(schema, attribute)
                return
            }
            self = lower.hasPrefix("urn:") ? .customExtension(key) : .ignored
        }
    }
}
