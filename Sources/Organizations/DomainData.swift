import EmulatorCore
import GRDB

/// The domains a create or update asks an organization to have: `domain_data` (`[{domain, state}]`),
/// or the deprecated `domains` (`["foo.com"]`, taken as verified, as WorkOS treated them).
struct DomainData {
    var entries: [(domain: String, verified: Bool)]

    /// nil when the body names neither field.
    static func read(from body: JSONBody) throws -> DomainData? {
        if let items = try body.array("domain_data") {
            return DomainData(entries: try items.enumerated().map { index, item in
                let field = "domain_data[\(index)]"
                guard let object = item.objectValue else {
                    throw APIError.invalidParameter(field, code: "invalid_type", "\(field) must be an object.")
                }
                guard let raw = object["domain"]?.stringValue else { throw JSONBody.required("\(field).domain") }
                let state = object["state"]?.stringValue ?? "pending"
                guard state == "pending" || state == "verified" else {
                    throw APIError.invalidParameter("\(field).state", code: "invalid_value",
                                                    "\(field).state must be pending or verified.")
                }
                return (try DomainName.normalize(raw, field: "\(field).domain"), state == "verified")
            })
        }
        if let domains = try body.stringArray("domains") {
            return DomainData(entries: try domains.enumerated().map { index, raw in
                (try DomainName.normalize(raw, field: "domains[\(index)]"), true)
            })
        }
        return nil
    }

    /// Makes the organization's domains exactly these: adds the new, drops the missing, and moves a
    /// kept domain to `verified` when asked. Returns the `organization_domain.*` events the changes
    /// owe, for the caller to emit after its own organization event.
    func apply(to organizationID: String, in tx: Transaction) throws -> [PendingEvent] {
        var events: [PendingEvent] = []
        var wanted: [String: Bool] = [:]
        for entry in entries { wanted[entry.domain] = (wanted[entry.domain] ?? false) || entry.verified }
        var existing: Set<String> = []
        for var record in try OrganizationDomainRecord.all(of: organizationID, in: tx.db) {
            existing.insert(record.domain)
            guard let verified = wanted[record.domain] else {
                try record.delete(tx.db)
                events.append(PendingEvent("organization_domain.deleted", record.wire))
                continue
            }
            if verified && record.state != .verified {
                record.state = .verified
                record.verificationStrategy = .manual
                record.updatedAt = tx.now
                try record.update(tx.db)
                events.append(PendingEvent("organization_domain.updated", record.wire))
            }
        }
        for entry in entries where !existing.contains(entry.domain) {
            existing.insert(entry.domain)
            try OrganizationDomainRecord.ensureFree(entry.domain, for: organizationID, in: tx.db)
            let record = OrganizationDomainRecord(domain: entry.domain, organizationID: organizationID,
                                                  verified: wanted[entry.domain]!, in: tx)
            try record.insert(tx.db)
            events.append(PendingEvent("organization_domain.created", record.wire))
        }
        return events
    }
}
