import EmulatorCore

/// Turns what an identity provider asserts into profile fields, as a connection's `attribute_maps`
/// say: each standard field reads the attribute its map names (the test IdP's own names by default),
/// and each custom attribute reads the attribute mapped to it.
struct AttributeMapping {
    static let standardFields: Set<String> = ["idp_id", "email", "first_name", "last_name", "name", "groups"]
    static let defaults: [String: String] = [
        "idp_id": "id", "email": "email", "first_name": "firstName", "last_name": "lastName",
        "name": "name", "groups": "groups",
    ]

    let standard: JSONObject
    let custom: JSONObject

    init(_ maps: JSONObject?) {
        standard = maps?["standard_attributes"]?.objectValue ?? [:]
        custom = maps?["custom_attributes"]?.objectValue ?? [:]
    }

    /// The attribute a standard field reads.
    func attribute(for field: String) -> String {
        standard[field]?.stringValue ?? Self.defaults[field]!
    }

    func string(_ field: String, in assertion: JSONObject) -> String? {
        switch assertion[attribute(for: field)] {
        case .string(let text)?: text.isEmpty ? nil : text
        case .array(let items)?: items.first?.stringValue
        default: nil
        }
    }

    func strings(_ field: String, in assertion: JSONObject) -> [String] {
        switch assertion[attribute(for: field)] {
        case .array(let items)?: items.compactMap(\.stringValue)
        case .string(let text)?: [text]
        default: []
        }
    }

    /// The custom attributes the maps draw from the assertion (absent attributes are left out).
    func customAttributes(in assertion: JSONObject) -> JSONObject {
        var attributes = JSONObject()
        for (name, source) in custom.pairs {
            if let source = source.stringValue, let value = assertion[source], !value.isNull { attributes[name] = value }
        }
        return attributes
    }
}
