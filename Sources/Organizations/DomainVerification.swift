import EmulatorCore

/// Adding and verifying an organization's domain, each with its event: shared by
/// `/organization_domains` and, through `OrganizationsAPI`, by the Admin Portal's pages.
extension OrganizationDomainRecord {
    static func add(_ domain: String, to organizationID: String, in tx: Transaction) throws -> OrganizationDomainRecord {
        _ = try OrganizationRecord.find(organizationID, in: tx.db)
        try ensureFree(domain, for: nil, in: tx.db)
        let record = OrganizationDomainRecord(domain: domain, organizationID: organizationID, verified: false, in: tx)
        try record.insert(tx.db)
        try tx.emit("organization_domain.created", record.wire)
        return record
    }

    /// Verification succeeds at once, except for domains under `.invalid`, which fail (see `DomainName`).
    mutating func verify(in tx: Transaction) throws {
        guard state != .verified && state != .legacyVerified else {
            throw APIError(.badRequest, code: "domain_already_verified", message: "The domain '\(domain)' is already verified.")
        }
        updatedAt = tx.now
        if DomainName.failsVerification(domain) {
            state = .failed
            try update(tx.db)
            try tx.emit("organization_domain.verification_failed",
                        ["reason": "domain_verification_failed", "organization_domain": wire], organizationID: organizationId)
        } else {
            state = .verified
            try update(tx.db)
            try tx.emit("organization_domain.verified", wire)
        }
    }
}
