import _CryptoExtras
import EmulatorCore
import Foundation
import X509

/// A PEM certificate with its validity window: parsed from what a caller sends, or generated for the
/// service provider side as WorkOS generates it when the caller brings no key pair of their own.
struct SAMLCertificate: Sendable {
    let pem: String
    let notBefore: Date
    let notAfter: Date

    /// Parses a PEM certificate; 422 naming `field` when it is not one.
    init(pem: String, field: String) throws {
        let certificate: Certificate
        do {
            certificate = try Certificate(pemEncoded: pem)
        } catch {
            throw APIError.invalidParameter(field, code: "invalid_certificate", "\(field) is not a PEM-encoded X.509 certificate.")
        }
        self.init(certificate, pem: try certificate.serializeAsPEM().pemString)
    }

    /// A customer-owned key pair (`{key, cert}`): the key must be a PEM private key for the certificate.
    init(keyPair object: JSON, field: String) throws {
        guard let pair = object.objectValue else {
            throw APIError.invalidParameter(field, code: "invalid_type", "\(field) must be an object with key and cert.")
        }
        try ConnectionOptions.rejectUnknown(pair, known: ["key", "cert"], in: field)
        guard let keyText = pair["key"]?.stringValue else { throw JSONBody.required("\(field).key") }
        guard let certText = pair["cert"]?.stringValue else { throw JSONBody.required("\(field).cert") }
        try self.init(pem: certText, field: "\(field).cert")
        let key: Certificate.PrivateKey
        do {
            key = try Certificate.PrivateKey(pemEncoded: keyText)
        } catch {
            throw APIError.invalidParameter("\(field).key", code: "invalid_private_key", "\(field).key is not a PEM-encoded private key.")
        }
        guard try key.publicKey == Certificate(pemEncoded: certText).publicKey else {
            throw APIError.invalidParameter("\(field).key", code: "key_mismatch", "\(field).key is not the private key of \(field).cert.")
        }
    }

    /// A new self-signed RSA-2048 certificate of the emulator as service provider, valid for ten years
    /// from `now`.
    static func generate(now: Date) throws -> SAMLCertificate {
        let key = Certificate.PrivateKey(try _RSA.Signing.PrivateKey(keySize: .bits2048))
        let name = try DistinguishedName { CommonName("workos-emulator service provider") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: now, notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: name, subject: name, signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions {}, issuerPrivateKey: key)
        return SAMLCertificate(certificate, pem: try certificate.serializeAsPEM().pemString)
    }

    private init(_ certificate: Certificate, pem: String) {
        self.pem = pem
        notBefore = certificate.notValidBefore
        notAfter = certificate.notValidAfter
    }
}
