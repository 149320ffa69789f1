import _CryptoExtras
import Crypto
import EmulatorCore
import Foundation
import GRDB
import X509

/// The environment's RSA key that signs its access tokens, kept in its database so tokens stay
/// verifiable across restarts and snapshots, with the self-signed certificate its JWKS entry carries
/// as `x5c`. Made on first use, not in the migration: a new environment's database is copied from a
/// template, and a key made there would be every environment's key.
struct SigningKeyRecord: EmulatorRecord {
    static let databaseTableName = "signing_keys"

    /// The `kid`.
    var id: String
    var privateKeyPem: String
    var certificateDer: Data
    var createdAt: Date

    /// The key in use, made (2048-bit RSA, a few hundred milliseconds once) when the environment has none.
    static func current(in tx: Transaction) throws -> SigningKeyRecord {
        if let existing = try published(in: tx.db) { return existing }
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let record = SigningKeyRecord(id: tx.newID("key"), privateKeyPem: key.pemRepresentation,
                                      certificateDer: try certificate(for: key, at: tx.now), createdAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    static func published(in db: Database) throws -> SigningKeyRecord? {
        try order(Column("id").desc).fetchOne(db)
    }

    var privateKey: _RSA.Signing.PrivateKey {
        get throws { try ParsedKeys.privateKey(pem: privateKeyPem) }
    }

    /// The JWKS entry: every key the spec requires, `x5c` the certificate (standard base64 DER) and
    /// `x5t#S256` its SHA-256 thumbprint (base64url).
    func jwk() throws -> JSON {
        let primitives = try privateKey.publicKey.getKeyPrimitives()
        return [
            "alg": "RS256",
            "kty": "RSA",
            "use": "sig",
            "x5c": [.string(certificateDer.base64EncodedString())],
            "n": .string(Base64URL.encode(primitives.modulus)),
            "e": .string(Base64URL.encode(primitives.publicExponent)),
            "kid": .string(id),
            "x5t#S256": .string(Base64URL.encode(Data(SHA256.hash(data: certificateDer)))),
        ]
    }

    /// A self-signed certificate for the key, valid from a day before `now` for ten years.
    private static func certificate(for key: _RSA.Signing.PrivateKey, at now: Date) throws -> Data {
        let name = try DistinguishedName { CommonName("WorkOS Emulator access tokens") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400), notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions(), issuerPrivateKey: Certificate.PrivateKey(key))
        return Data(try certificate.serializeAsPEM().derBytes)
    }
}
