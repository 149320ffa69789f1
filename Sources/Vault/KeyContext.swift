import EmulatorCore
import Foundation

/// The map of strings that selects a data key's encryption (`context`, `key_context`): at most 10
/// entries, keys and values of at most 500 characters. Held with its keys sorted, so the same map always
/// has the same bytes when it is bound to a data key as associated data (a blob's header gives them two
/// bytes of length: the limits keep them under 64 KiB whatever the characters).
struct KeyContext: Sendable {
    let entries: [(key: String, value: String)]

    init(_ object: JSONObject, field: String) throws {
        guard object.count <= 10 else { throw VaultError.invalid("\(field) may have at most 10 entries.") }
        entries = try object.pairs.map { pair in
            guard let value = pair.value.stringValue else {
                throw VaultError.invalid("\(field).\(pair.key) must be a string, not \(pair.value.typeName).")
            }
            guard pair.key.count <= 500 else { throw VaultError.invalid("\(field) keys may be at most 500 characters.") }
            guard value.count <= 500 else { throw VaultError.invalid("\(field).\(pair.key) may be at most 500 characters.") }
            return (key: pair.key, value: value)
        }.sorted { $0.key < $1.key }
        guard bytes.count <= Int(UInt16.max) else { throw VaultError.invalid("\(field) is too large.") }
    }

    /// The body's required context object.
    init(body: JSONBody, field: String) throws {
        guard let value = body.object[field], !value.isNull else { throw VaultError.invalid("\(field) is required.") }
        guard let object = value.objectValue else {
            throw VaultError.invalid("\(field) must be an object, not \(value.typeName).")
        }
        try self.init(object, field: field)
    }

    var wire: JSON { .object(JSONObject(entries.map { (key: $0.key, value: JSON.string($0.value)) })) }

    /// Its canonical bytes: compact JSON with sorted keys.
    var bytes: [UInt8] { wire.bytes }
}
