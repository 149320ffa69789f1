import EmulatorCore

/// An object to create, as the body of `POST /vault/v1/kv` asks: `name` (1–200 characters, unique),
/// `value` (a string, possibly empty) and `key_context`. Bad fields are 422s.
struct NewVaultObject: Sendable {
    let name: String
    let value: String
    let context: KeyContext

    init(body: JSONBody) throws {
        guard let name = body.object["name"]?.stringValue, !name.isEmpty else {
            throw VaultError.invalid("name is required and must be a non-empty string.")
        }
        guard name.count <= 200 else { throw VaultError.invalid("name may be at most 200 characters.") }
        guard let value = body.object["value"]?.stringValue else {
            throw VaultError.invalid("value is required and must be a string.")
        }
        self.name = name
        self.value = value
        context = try KeyContext(body: body, field: "key_context")
    }
}
