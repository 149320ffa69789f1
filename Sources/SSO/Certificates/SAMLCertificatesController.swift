import EmulatorCore
import Foundation
import GRDB
import Hummingbird

/// A SAML connection's certificates (SDK-only routes): the identity provider's signing certificates
/// (imported; the last one stays), the service provider's encryption certificates (generated, several
/// may overlap during a rotation) and its one signing certificate (generated; delete it before making
/// its replacement).
struct SAMLCertificatesController: Sendable {
    func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let connection = api.group("connections/:id")
        connection.get("saml_idp_signing_certs", use: listIdPSigning)
        connection.post("saml_idp_signing_certs", use: createIdPSigning)
        connection.delete("saml_idp_signing_certs/:certificate_id") { try await delete($0, $1, .idpSigning) }
        connection.get("saml_sp_encryption_certs", use: listSPEncryption)
        connection.post("saml_sp_encryption_certs", use: createSPEncryption)
        connection.delete("saml_sp_encryption_certs/:certificate_id") { try await delete($0, $1, .spEncryption) }
        connection.get("saml_sp_signing_cert", use: getSPSigning)
        connection.post("saml_sp_signing_cert", use: createSPSigning)
        connection.delete("saml_sp_signing_cert/:certificate_id") { try await delete($0, $1, .spSigning) }
    }

    @Sendable func listIdPSigning(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await list(.idpSigning, context)
    }

    @Sendable func listSPEncryption(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await list(.spEncryption, context)
    }

    @Sendable func createIdPSigning(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let value = try await JSONBody.read(request).requiredString("value")
        let certificate = try SAMLCertificate(pem: value, field: "value")
        let created = try await context.env().write { tx in
            try SAMLCertificateRecord.addIdPSigning(certificate, to: id, in: tx).wire
        }
        return .json(created, status: .created)
    }

    @Sendable func createSPEncryption(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let environment = try context.env()
        try await ServiceProviderCertificates.issueIfPending(for: id, in: environment)
        let certificate = try SAMLCertificate.generate(now: environment.clock.now())
        return .json(try await environment.write { tx in
            try Self.store(certificate, .spEncryption, for: id, in: tx)
        }, status: .created)
    }

    @Sendable func getSPSigning(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await ServiceProviderCertificates.issueIfPending(for: id, in: try context.env())
        return .json(try await context.env().read { db in
            _ = try Self.samlConnection(id, in: db)
            guard let certificate = try SAMLCertificateRecord.all(.spSigning, of: id, in: db).first else {
                throw APIError(.notFound, message: "Connection '\(id)' has no SP signing certificate.")
            }
            return certificate.wire
        })
    }

    @Sendable func createSPSigning(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let environment = try context.env()
        try await ServiceProviderCertificates.issueIfPending(for: id, in: environment)
        let certificate = try SAMLCertificate.generate(now: environment.clock.now())
        return .json(try await environment.write { tx in
            guard try SAMLCertificateRecord.all(.spSigning, of: id, in: tx.db).isEmpty else {
                throw APIError(.conflict, code: "sp_signing_certificate_exists",
                               message: "Connection '\(id)' already signs with a certificate; delete it before creating its replacement.")
            }
            return try Self.store(certificate, .spSigning, for: id, in: tx)
        }, status: .created)
    }

    private func list(_ usage: SAMLCertificateRecord.Usage, _ context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        try await ServiceProviderCertificates.issueIfPending(for: id, in: try context.env())
        return .json(try await context.env().read { db in
            _ = try Self.samlConnection(id, in: db)
            return ["object": "list", "data": .array(try SAMLCertificateRecord.all(usage, of: id, in: db).map(\.wire))]
        })
    }

    private func delete(_ request: Request, _ context: EmulatorRequestContext, _ usage: SAMLCertificateRecord.Usage) async throws -> Response {
        let id = try context.parameter("id")
        try await ServiceProviderCertificates.issueIfPending(for: id, in: try context.env())
        let certificateID = try context.parameter("certificate_id")
        try await context.env().write { tx in
            _ = try Self.samlConnection(id, in: tx.db)
            let certificates = try SAMLCertificateRecord.all(usage, of: id, in: tx.db)
            guard let certificate = certificates.first(where: { $0.id == certificateID }) else {
                throw APIError.notFound("Certificate", certificateID)
            }
            if usage == .idpSigning && certificates.count == 1 {
                throw APIError(.badRequest, code: "last_idp_signing_certificate",
                               message: "The last IdP signing certificate of a connection cannot be deleted.")
            }
            try certificate.delete(tx.db)
        }
        return .noContent
    }

    private static func store(_ certificate: SAMLCertificate, _ usage: SAMLCertificateRecord.Usage, for id: String,
                              in tx: Transaction) throws -> JSON {
        _ = try samlConnection(id, in: tx.db)
        let record = SAMLCertificateRecord(certificate, usage: usage, connectionID: id, in: tx)
        try record.insert(tx.db)
        return record.wire
    }

    static func samlConnection(_ id: String, in db: Database) throws -> ConnectionRecord {
        let connection = try ConnectionRecord.find(id, in: db)
        guard connection.type.family == .saml else {
            throw APIError(.badRequest, code: "connection_not_saml",
                           message: "Connection '\(id)' is a \(connection.connectionType) connection; only SAML connections have certificates.")
        }
        return connection
    }
}
