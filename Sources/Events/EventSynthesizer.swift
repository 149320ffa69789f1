import EmulatorCore
import GRDB
import Organizations

/// Coherent `data` for an event emitted through the control API without any: the current state of a
/// real object of the environment, shaped as the event carries it. Types whose objects the emulator
/// does not hold yet need their `data` given.
enum EventSynthesizer {
    static func data(for type: String, in db: Database) throws -> JSON {
        switch type {
        case "organization.created", "organization.updated", "organization.deleted":
            return try OrganizationsAPI.newestOrganization(in: db) ?? missing(type, "organization")
        case "organization_domain.created", "organization_domain.updated", "organization_domain.deleted",
             "organization_domain.verified":
            return try OrganizationsAPI.newestDomain(in: db) ?? missing(type, "organization domain")
        case "organization_domain.verification_failed":
            let domain = try OrganizationsAPI.newestDomain(in: db) ?? missing(type, "organization domain")
            return ["reason": "domain_verification_failed", "organization_domain": domain]
        default:
            throw APIError.invalidParameter(
                "data", code: "required",
                "The emulator cannot synthesize data for \(type) events; pass `data`.")
        }
    }

    private static func missing(_ type: String, _ kind: String) throws -> JSON {
        throw APIError.invalidParameter(
            "data", code: "required",
            "A synthesized \(type) event refers to the newest \(kind), and this environment has none; create one or pass `data`.")
    }
}
