import EmulatorCore

/// `organizations:` in a scenario file: each entry, keyed by its local name, is an organization with
/// its domains.
///
/// ```yaml
/// organizations:
///   acme:
///     name: Acme Inc
///     external_id: acme          # optional; also id (pinned), metadata, stripe_customer_id,
///     domains:                   # allow_profiles_outside_organization
///       - acme.com               # a bare domain is verified
///       - { domain: acme.dev, state: pending }
/// ```
public struct OrganizationsScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "organizations"

    public var entrySchema: JSON {
        let domain: JSON = ["oneOf": [
            ["type": "string"],
            ["type": "object", "additionalProperties": false, "required": ["domain"],
             "properties": ["domain": ["type": "string"], "state": ["enum": ["pending", "verified"]]]],
        ]]
        return [
            "type": "object", "additionalProperties": false, "required": ["name"],
            "properties": [
                "id": ["type": "string", "pattern": "^org_"],
                "name": ["type": "string", "minLength": 1],
                "external_id": ["type": "string"],
                "metadata": ["type": "object", "additionalProperties": ["type": "string"]],
                "stripe_customer_id": ["type": "string"],
                "allow_profiles_outside_organization": ["type": "boolean"],
                "domains": ["type": "array", "items": domain],
            ],
        ]
    }

    struct Plan: ScenarioPlan {
        var organizations: [(name: String, organization: NewOrganization)]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try organizations.map { name, organization in
                let created = try organization.create(in: tx)
                names.record("organizations", name, id: created["id"]!.stringValue!)
                return (name, created)
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        var claimed: [String: String] = [:]  // domain → entry that claims it
        var externalIDs: [String: String] = [:]
        let organizations = entries.compactMap { entry -> (String, NewOrganization)? in
            entry.rejectUnknownKeys(["id", "name", "external_id", "metadata", "stripe_customer_id",
                                     "allow_profiles_outside_organization", "domains"], in: issues)
            let name = entry.string("name", in: issues, required: true)
            var organization = NewOrganization(name: name ?? "")
            organization.id = entry.string("id", in: issues)
            if let id = organization.id, !id.hasPrefix("org_") { issues.report(entry["id"]!, "id must start with org_.") }
            organization.externalID = entry.string("external_id", in: issues)
            if let externalID = organization.externalID {
                if let other = externalIDs[externalID] { issues.report(entry["external_id"]!, "external_id is also \(other)'s.") }
                externalIDs[externalID] = entry.name
            }
            organization.stripeCustomerID = entry.string("stripe_customer_id", in: issues)
            organization.allowProfilesOutsideOrganization = entry.bool("allow_profiles_outside_organization", in: issues) ?? false
            if let metadata = entry.object("metadata", in: issues) {
                do { organization.metadata = try Metadata.validate(metadata) } catch let error as APIError {
                    issues.report(entry["metadata"]!, error.body["message"]?.stringValue ?? "invalid metadata")
                } catch {}
            }
            var domains = DomainData(entries: [])
            for item in entry.list("domains", in: issues) {
                let raw = item.json.stringValue ?? item["domain"]?.json.stringValue
                let state = item["state"]?.json.stringValue ?? (item.json.stringValue != nil ? "verified" : "pending")
                guard let raw, state == "verified" || state == "pending" else {
                    issues.report(item, "a domain is a name, or {domain, state: pending|verified}.")
                    continue
                }
                do {
                    let domain = try DomainName.normalize(raw, field: "domain")
                    if let other = claimed[domain] { issues.report(item, "\(domain) is also claimed by \(other).") }
                    claimed[domain] = entry.name
                    domains.entries.append((domain, state == "verified"))
                } catch {
                    issues.report(item, "'\(raw)' is not a valid domain.")
                }
            }
            organization.domains = domains
            return name == nil ? nil : (entry.name, organization)
        }
        return Plan(organizations: organizations)
    }
}
