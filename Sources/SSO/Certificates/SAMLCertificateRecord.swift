import EmulatorCore
import Foundation
import GRDB

/// A row of `sso_saml_certificates`: an X.509 certificate of a SAML connection. The identity
/// provider's signing certificates verify its responses; the service provider's (the emulator's)
/// encryption and signing certificates are what the IdP encrypts to and verifies requests with. Only
/// public certificates are kept: the emulator never decrypts or signs a real SAML message, so the
/// private keys it generates are dropped at once.
struct SAMLCertificateRecord: EmulatorRecord {
    static let databaseTableName = "sso_saml_certificates"

    enum Usage: String, Codable, Sendable {
        case idpSigning = "idp_signing"
        case spEncryption = "sp_encryption"
        case spSigning = "sp_signing"

        /// The `object` the SDK expects for each kind.
        var object: String {
            switch self {
            case .idpSigning: "saml_idp_signing_certificate"
            case .spEncryption: "saml_sp_encryption_certificate"
            case .spSigning: "saml_sp_signing_certificate"
            }
        }
    }

    var id: String
    var connectionId: String
    var usage: Usage
    var value: String
    var notBefore: Date?
    var notAfter: Date?
    var createdAt: Date

    init(_ certificate: SAMLCertificate, usage: Usage, connectionID: String, in tx: Transaction) {
        id = tx.newID("cert")
        connectionId = connectionID
        self.usage = usage
        value = certificate.pem
        notBefore = certificate.notBefore
        notAfter = certificate.notAfter
        createdAt = tx.now
    }

    /// A connection's certificates of one kind, oldest first.
    static func all(_ usage: Usage, of connectionID: String, in db: Database) throws -> [SAMLCertificateRecord] {
        try filter(Column("connection_id") == connectionID && Column("usage") == usage.rawValue).order(Column("id")).fetchAll(db)
    }

    var wire: JSON {
        [
            "object": .string(usage.object),
            "id": .string(id),
            "value": .string(value),
            "not_before": .timestamp(notBefore),
            "not_after": .timestamp(notAfter),
            "created_at": .timestamp(createdAt),
        ]
    }
}
