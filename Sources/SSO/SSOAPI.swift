import EmulatorCore
import Foundation
import GRDB

/// What other areas may do with SSO connections (the Admin Portal's `sso` intent). Connections are
/// created through `NewConnection`, as by `POST /connections`, so they emit the same events.
public enum SSOAPI {
    public struct Connection: Sendable, Equatable {
        public let id: String
        public let name: String
        public let type: String
        /// `draft`, `active` or `inactive`.
        public let state: String
        public let organizationID: String?
    }

    public static func connections(of organizationID: String, in db: Database) throws -> [Connection] {
        try ConnectionRecord.all(ofOrganization: organizationID, in: db).map(Connection.init)
    }

    /// Creates a connection for the organization. `TestIdp` signs in through the emulator's test identity
    /// provider and is active at once; a SAML type becomes active when given its IdP metadata URL (a
    /// draft without one), as `POST /connections` decides. Activation emits `connection.activated`.
    public static func createConnection(organizationID: String, type: String, idpMetadataURL: String?,
                                        in tx: Transaction) throws -> Connection {
        guard let connectionType = ConnectionType(type), [ConnectionType.Family.saml, .testIdP].contains(connectionType.family) else {
            throw APIError.invalidParameter("connection_type", code: "invalid_value",
                                            "connection_type must be TestIdp or a SAML type, not '\(type)'.")
        }
        var connection = NewConnection(organizationID: organizationID, type: connectionType)
        if connectionType.family == .saml, let idpMetadataURL, !idpMetadataURL.isEmpty {
            connection.samlOptions = try ConnectionOptions.saml(["idp_metadata_url": .string(idpMetadataURL)])
        }
        return Connection(try connection.create(in: tx))
    }

    /// The SAML connection types, for a page's choice of identity provider.
    public static var samlTypes: [String] { ConnectionType.known.filter { ConnectionType($0)?.family == .saml } }
}

extension SSOAPI.Connection {
    init(_ record: ConnectionRecord) {
        self.init(id: record.id, name: record.name, type: record.connectionType, state: record.state.rawValue,
                  organizationID: record.organizationId)
    }
}

/// IdP signing certificates, for the Admin Portal's certificate renewal.
extension SSOAPI {
    public struct SAMLConnectionCertificates: Sendable, Equatable {
        public let connection: Connection
        /// When each of its IdP signing certificates expires, oldest certificate first.
        public let expiries: [Date?]
    }

    public static func samlCertificates(of organizationID: String, in db: Database) throws -> [SAMLConnectionCertificates] {
        try ConnectionRecord.all(ofOrganization: organizationID, in: db).filter { $0.type.family == .saml }.map { record in
            SAMLConnectionCertificates(connection: Connection(record),
                                       expiries: try SAMLCertificateRecord.all(.idpSigning, of: record.id, in: db).map(\.notAfter))
        }
    }

    /// Adds a PEM certificate to one of the organization's SAML connections (a 404 for any other
    /// connection, so a portal link reaches its own organization only).
    public static func addIdPSigningCertificate(pem: String, to connectionID: String, organizationID: String,
                                                in tx: Transaction) throws {
        let certificate = try SAMLCertificate(pem: pem, field: "certificate")
        guard try ConnectionRecord.fetchOne(tx.db, key: connectionID)?.organizationId == organizationID else {
            throw APIError.notFound("Connection", connectionID)
        }
        _ = try SAMLCertificateRecord.addIdPSigning(certificate, to: connectionID, in: tx)
    }
}
