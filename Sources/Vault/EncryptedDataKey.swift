import Crypto
import EmulatorCore
import Foundation
import GRDB

/// A data key sealed for its context: the `encrypted_keys` blob that the API answers (base64) and that
/// the SDK's local `vault.encrypt` embeds in what it encrypts. Its bytes are a header (a magic string,
/// then the key-encryption key's ID, the data key's ID and the context as sorted JSON, each prefixed by
/// its length as two big-endian bytes) and the AES-GCM box of the 32-byte data key (nonce, ciphertext,
/// tag). The whole header is the box's associated data: a blob whose context or ID was altered does not
/// open, so a data key is only ever given back for the context it was made for.
struct EncryptedDataKey: Sendable {
    static let magic = Array("WOSEMU.DEK.v1".utf8)

    let kekID: String
    let dataKeyID: String
    let context: KeyContext
    let box: Data

    var header: [UInt8] {
        var bytes = Self.magic
        for field in [Array(kekID.utf8), Array(dataKeyID.utf8), context.bytes] {
            bytes += [UInt8(field.count >> 8), UInt8(field.count & 0xFF)] + field
        }
        return bytes
    }

    var bytes: Data { Data(header) + box }

    /// Seals a data key for its context under the environment's key-encryption key.
    static func seal(_ dataKey: SymmetricKey, id: String, context: KeyContext, under kek: KeyEncryptionKeyRecord) throws -> EncryptedDataKey {
        let unsealed = EncryptedDataKey(kekID: kek.id, dataKeyID: id, context: context, box: Data())
        let sealed = try AES.GCM.seal(dataKey.withUnsafeBytes { Data($0) }, using: kek.key, authenticating: unsealed.header)
        guard let box = sealed.combined else { throw VaultError.undecryptableKeys }
        return EncryptedDataKey(kekID: kek.id, dataKeyID: id, context: context, box: box)
    }

    /// Reads a blob's fields; anything malformed is `undecryptableKeys`.
    init(bytes: Data) throws {
        var rest = bytes[...]
        guard rest.starts(with: Self.magic) else { throw VaultError.undecryptableKeys }
        rest = rest.dropFirst(Self.magic.count)
        func field() throws -> Data {
            guard rest.count >= 2 else { throw VaultError.undecryptableKeys }
            let length = Int(rest[rest.startIndex]) << 8 | Int(rest[rest.startIndex + 1])
            rest = rest.dropFirst(2)
            guard rest.count >= length else { throw VaultError.undecryptableKeys }
            defer { rest = rest.dropFirst(length) }
            return Data(rest.prefix(length))
        }
        let kekID = String(decoding: try field(), as: UTF8.self)
        let dataKeyID = String(decoding: try field(), as: UTF8.self)
        guard let object = try? JSON.parse(try field()).objectValue, let context = try? KeyContext(object, field: "context")
        else { throw VaultError.undecryptableKeys }
        self.init(kekID: kekID, dataKeyID: dataKeyID, context: context, box: Data(rest))
    }

    init(base64: String) throws {
        guard let bytes = Data(base64Encoded: base64) else { throw VaultError.undecryptableKeys }
        try self.init(bytes: bytes)
    }

    private init(kekID: String, dataKeyID: String, context: KeyContext, box: Data) {
        self.kekID = kekID
        self.dataKeyID = dataKeyID
        self.context = context
        self.box = box
    }

    /// The data key, opened with this environment's key-encryption key.
    func open(in db: Database) throws -> SymmetricKey {
        guard let kek = try KeyEncryptionKeyRecord.fetchOne(db, key: kekID),
              let box = try? AES.GCM.SealedBox(combined: box),
              let plain = try? AES.GCM.open(box, using: kek.key, authenticating: header)
        else { throw VaultError.undecryptableKeys }
        return SymmetricKey(data: plain)
    }
}
