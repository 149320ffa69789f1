import EmulatorCore

/// One attribute definition of a SCIM schema (RFC 7643 §7): what `/Schemas` publishes, and what the
/// service provider checks every write against.
struct SCIMAttribute: Sendable {
    enum Kind: String, Sendable { case string, boolean, decimal, integer, dateTime, reference, binary, complex }
    enum Mutability: String, Sendable { case readOnly, readWrite, immutable, writeOnly }
    enum Returned: String, Sendable { case always, never, `default`, request }

    var name: String
    var kind: Kind
    var description: String
    var multiValued = false
    var required = false
    var caseExact = false
    var mutability = Mutability.readWrite
    var returned = Returned.default
    var uniqueness = "none"
    var canonicalValues: [String] = []
    var referenceTypes: [String] = []
    var subAttributes: [SCIMAttribute] = []

    static func string(_ name: String, _ description: String, required: Bool = false,
                       mutability: Mutability = .readWrite, canonical: [String] = []) -> SCIMAttribute {
        SCIMAttribute(name: name, kind: .string, description: description, required: required,
                      mutability: mutability, canonicalValues: canonical)
    }

    static func reference(_ name: String, _ description: String, to types: [String],
                          mutability: Mutability = .readWrite) -> SCIMAttribute {
        SCIMAttribute(name: name, kind: .reference, description: description, caseExact: true,
                      mutability: mutability, referenceTypes: types)
    }

    static func complex(_ name: String, _ description: String, multiValued: Bool = false,
                        mutability: Mutability = .readWrite, _ subAttributes: [SCIMAttribute]) -> SCIMAttribute {
        SCIMAttribute(name: name, kind: .complex, description: description, multiValued: multiValued,
                      mutability: mutability, subAttributes: subAttributes)
    }

    /// The usual multi-valued shape (`emails`, `phoneNumbers`, …): value, display, type, primary.
    static func plural(_ name: String, _ description: String, value: Kind = .string, types: [String] = []) -> SCIMAttribute {
        var valueAttribute = SCIMAttribute.string("value", "The attribute's significant value.")
        valueAttribute.kind = value
        valueAttribute.caseExact = value != .string
        if value == .reference { valueAttribute.referenceTypes = ["external"] }
        return complex(name, description, multiValued: true, [
            valueAttribute,
            .string("display", "A human-readable name, primarily used for display purposes."),
            .string("type", "A label indicating the attribute's function.", canonical: types),
            SCIMAttribute(name: "primary", kind: .boolean, description: "Whether this is the primary value."),
        ])
    }

    func subAttribute(_ name: String) -> SCIMAttribute? {
        subAttributes.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The definition as `/Schemas` shows it.
    var wire: JSON {
        var object: JSONObject = [
            "name": .string(name),
            "type": .string(kind.rawValue),
            "multiValued": .bool(multiValued),
            "description": .string(description),
            "required": .bool(required),
        ]
        if !canonicalValues.isEmpty { object["canonicalValues"] = .strings(canonicalValues) }
        if kind != .complex && kind != .boolean { object["caseExact"] = .bool(caseExact) }
        object["mutability"] = .string(mutability.rawValue)
        object["returned"] = .string(returned.rawValue)
        if kind != .complex && kind != .boolean { object["uniqueness"] = .string(uniqueness) }
        if !referenceTypes.isEmpty { object["referenceTypes"] = .strings(referenceTypes) }
        if !subAttributes.isEmpty { object["subAttributes"] = .array(subAttributes.map(\.wire)) }
        return .object(object)
    }
}
