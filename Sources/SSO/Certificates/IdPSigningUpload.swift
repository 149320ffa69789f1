import EmulatorCore

/// Adding an identity provider's signing certificate to a SAML connection: shared by
/// `POST /connections/{id}/saml_idp_signing_certs` and, through `SSOAPI`, the Admin Portal's
/// certificate renewal.
extension SAMLCertificateRecord {
    static func addIdPSigning(_ certificate: SAMLCertificate, to connectionID: String, in tx: Transaction) throws
        -> SAMLCertificateRecord
    {
        var connection = try SAMLCertificatesController.samlConnection(connectionID, in: tx.db)
        let record = SAMLCertificateRecord(certificate, usage: .idpSigning, connectionID: connectionID, in: tx)
        try record.insert(tx.db)
        // A certificate may be what a draft was waiting for.
        try ConnectionLifecycle.activateIfConfigured(&connection, in: tx)
        return record
    }
}
