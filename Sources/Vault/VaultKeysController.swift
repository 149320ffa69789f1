import EmulatorCore
import Hummingbird

/// `/vault/v1/keys`: data keys for local encryption, given back from their encrypted form, and sealed
/// again for a new context.
public struct VaultKeysController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("vault/v1/keys")
        group.post("data-key", use: createDataKey)
        group.post("decrypt", use: decrypt)
        group.post("rekey", use: rekey)
    }

    @Sendable func createDataKey(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let keyContext = try KeyContext(body: try await JSONBody.read(request), field: "context")
        let environment = try context.env()
        return .json(try await environment.write { tx in
            try DataKey.generate(for: keyContext, in: tx, actor: .api(environment)).wire
        })
    }

    /// `{id, data_key}`: the key of any blob this environment sealed, whatever its context.
    @Sendable func decrypt(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let encrypted = try EncryptedDataKey(base64: try Self.requiredString("keys", in: try await JSONBody.read(request)))
        let environment = try context.env()
        return .json(try await environment.write { tx in
            let dataKey = try DataKey.decrypt(encrypted, in: tx, actor: .api(environment))
            return ["id": .string(dataKey.id), "data_key": .string(dataKey.base64Key)]
        })
    }

    @Sendable func rekey(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let newContext = try KeyContext(body: body, field: "context")
        let encrypted = try EncryptedDataKey(base64: try Self.requiredString("encrypted_keys", in: body))
        let environment = try context.env()
        return .json(try await environment.write { tx in
            try DataKey.rekey(encrypted, to: newContext, in: tx, actor: .api(environment)).wire
        })
    }

    static func requiredString(_ key: String, in body: JSONBody) throws -> String {
        guard let value = body.object[key]?.stringValue, !value.isEmpty else {
            throw VaultError.invalid("\(key) is required and must be a string.", status: .badRequest)
        }
        return value
    }
}
