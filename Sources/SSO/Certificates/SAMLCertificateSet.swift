import EmulatorCore
import Foundation
import GRDB

/// The certificates a SAML connection starts with: the IdP signing certificates and customer-owned
/// key pairs of `saml_options`. The service provider's signing and encryption certificates that the
/// caller leaves out are generated, as WorkOS generates and manages them, when first asked for
/// (`ServiceProviderCertificates`).
struct SAMLCertificateSet: Sendable {
    var idpSigning: [SAMLCertificate] = []
    var spSigning: SAMLCertificate?
    var spEncryption: [SAMLCertificate] = []

    init() {}

    /// Reads the certificate fields of a `saml_options` object.
    init(samlOptions options: JSONObject) throws {
        if let certs = options["idp_signing_certs"], !certs.isNull {
            guard let items = certs.arrayValue else {
                throw APIError.invalidParameter("saml_options.idp_signing_certs", code: "invalid_type",
                                                "saml_options.idp_signing_certs must be an array of PEM certificates.")
            }
            idpSigning = try items.enumerated().map { index, item in
                let field = "saml_options.idp_signing_certs[\(index)]"
                guard let pem = item.stringValue else {
                    throw APIError.invalidParameter(field, code: "invalid_type", "\(field) must be a PEM certificate.")
                }
                return try SAMLCertificate(pem: pem, field: field)
            }
        }
        if let pair = options["sp_signing_key_pair"], !pair.isNull {
            spSigning = try SAMLCertificate(keyPair: pair, field: "saml_options.sp_signing_key_pair")
        }
        if let pairs = options["sp_encryption_key_pairs"], !pairs.isNull {
            guard let items = pairs.arrayValue else {
                throw APIError.invalidParameter("saml_options.sp_encryption_key_pairs", code: "invalid_type",
                                                "saml_options.sp_encryption_key_pairs must be an array of key pairs.")
            }
            spEncryption = try items.enumerated().map { index, item in
                try SAMLCertificate(keyPair: item, field: "saml_options.sp_encryption_key_pairs[\(index)]")
            }
        }
    }

    var lacksServiceProviderCertificates: Bool { spSigning == nil || spEncryption.isEmpty }

    /// Stores the set for a new connection.
    func store(for connection: ConnectionRecord, in tx: Transaction) throws {
        for (usage, certificates) in [(SAMLCertificateRecord.Usage.idpSigning, idpSigning),
                                      (.spSigning, spSigning.map { [$0] } ?? []), (.spEncryption, spEncryption)] {
            for certificate in certificates {
                try SAMLCertificateRecord(certificate, usage: usage, connectionID: connection.id, in: tx).insert(tx.db)
            }
        }
    }
}
