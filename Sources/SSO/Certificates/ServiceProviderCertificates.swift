import EmulatorCore
import GRDB

/// Generates a SAML connection's missing service provider certificates the first time anything asks
/// for its certificates, so creating connections (and seeding scenarios full of them) stays fast.
enum ServiceProviderCertificates {
    static func issueIfPending(for connectionID: String, in environment: Environment) async throws {
        let pending = try await environment.read { db in
            try ConnectionRecord.fetchOne(db, key: connectionID)?.spCertificatesPending ?? false
        }
        guard pending else { return }
        // Key generation happens outside the transaction; a concurrent request that got there first wins.
        let now = environment.clock.now()
        let signing = try SAMLCertificate.generate(now: now)
        let encryption = try SAMLCertificate.generate(now: now)
        try await environment.write { tx in
            guard var connection = try ConnectionRecord.fetchOne(tx.db, key: connectionID), connection.spCertificatesPending
            else { return }
            for (usage, certificate) in [(SAMLCertificateRecord.Usage.spSigning, signing), (.spEncryption, encryption)]
            where try SAMLCertificateRecord.all(usage, of: connectionID, in: tx.db).isEmpty {
                try SAMLCertificateRecord(certificate, usage: usage, connectionID: connectionID, in: tx).insert(tx.db)
            }
            connection.spCertificatesPending = false
            try connection.update(tx.db)
        }
    }
}
