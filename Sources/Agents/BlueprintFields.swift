import Authorization
import EmulatorCore
import Foundation
import GRDB
import Organizations

/// The fields of a blueprint as `POST /agents/blueprints` and `PATCH /agents/blueprints/{id}` send
/// them; each nil when absent (an update leaves it unchanged). Every bad field is named in one 422
/// `invalid_request_parameters`, nested fields by their path (`session_settings.max_age_seconds`).
struct BlueprintFields: Sendable {
    static let instanceTypes = ["delegated", "autonomous"]
    /// The longest lifetimes a blueprint may set, in seconds: a year, an hour, sixty days.
    static let settingLimits: [(key: String, max: Int)] = [
        ("max_age_seconds", 31_536_000), ("access_token_ttl_seconds", 3_600), ("refresh_token_ttl_seconds", 5_184_000),
    ]
    /// What a new blueprint gets for each setting it leaves out.
    static let settingDefaults = ["max_age_seconds": 3_600, "access_token_ttl_seconds": 300, "refresh_token_ttl_seconds": 3_600]

    var name: String?
    var description: FieldUpdate<String>
    var permissions: [String]?
    var roleSlugs: [String]?
    var organizationIDs: [String]?
    var instanceTypes: [String]?
    var settings: [String: Int] = [:]

    init(body: JSONBody, creating: Bool) throws {
        var errors: [FieldError] = []
        let object = body.object

        switch object["name"] {
        case nil where creating, .null? where creating:
            errors.append(FieldError(field: "name", code: "required", message: "name is required."))
        case nil: name = nil
        case let value?:
            let text = value.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if text.isEmpty || text.count > 255 {
                errors.append(FieldError(field: "name", code: "invalid_value", message: "name must be a string of 1 to 255 characters."))
            }
            name = text
        }

        switch object["description"] {
        case nil: description = .unchanged
        case .null?: description = .clear
        case .string(let text)?: description = .set(text)
        case _?:
            description = .unchanged
            errors.append(FieldError(field: "description", code: "invalid_type", message: "description must be a string or null."))
        }

        permissions = Self.strings(object["permissions"], field: "permissions", into: &errors)

        if let value = object["invocable_by"], !value.isNull {
            if let invocable = value.objectValue {
                roleSlugs = Self.strings(invocable["role_slugs"], field: "invocable_by.role_slugs", into: &errors)
                organizationIDs = Self.strings(invocable["organization_ids"], field: "invocable_by.organization_ids", into: &errors)
            } else {
                errors.append(FieldError(field: "invocable_by", code: "invalid_type", message: "invocable_by must be an object."))
            }
        }

        if let value = object["invocable_as"], !value.isNull {
            if let invocable = value.objectValue {
                instanceTypes = Self.strings(invocable["instance_types"], field: "invocable_as.instance_types", into: &errors)
                if let unknown = instanceTypes?.first(where: { !Self.instanceTypes.contains($0) }) {
                    errors.append(FieldError(field: "invocable_as.instance_types", code: "invalid_value",
                                             message: "instance_types must be delegated or autonomous, not '\(unknown)'."))
                }
            } else {
                errors.append(FieldError(field: "invocable_as", code: "invalid_type", message: "invocable_as must be an object."))
            }
        }

        if let value = object["session_settings"], !value.isNull {
            if let given = value.objectValue {
                for (key, max) in Self.settingLimits {
                    guard let setting = given[key], !setting.isNull else { continue }
                    if let seconds = setting.intValue, seconds > 0, seconds <= max {
                        settings[key] = seconds
                    } else {
                        errors.append(FieldError(field: "session_settings.\(key)", code: "invalid_value",
                                                 message: "session_settings.\(key) must be a whole number of seconds from 1 to \(max)."))
                    }
                }
            } else {
                errors.append(FieldError(field: "session_settings", code: "invalid_type", message: "session_settings must be an object."))
            }
        }

        guard errors.isEmpty else { throw APIError.invalidParameters(errors) }
    }

    /// A list of strings without repeats, or nil when absent; anything else is a field error.
    private static func strings(_ value: JSON?, field: String, into errors: inout [FieldError]) -> [String]? {
        guard let value, !value.isNull else { return nil }
        guard let items = value.arrayValue, items.allSatisfy({ !($0.stringValue ?? "").isEmpty }) else {
            errors.append(FieldError(field: field, code: "invalid_type", message: "\(field) must be an array of non-empty strings."))
            return nil
        }
        var unique: [String] = []
        for item in items.compactMap(\.stringValue) where !unique.contains(item) { unique.append(item) }
        return unique
    }

    /// The checks that need the database: every permission and organization named exists.
    func checkReferences(in db: Database) throws {
        var errors: [FieldError] = []
        for slug in try AuthorizationAPI.unknownPermissions(permissions ?? [], in: db) {
            errors.append(FieldError(field: "permissions", code: "invalid_permission",
                                     message: "'\(slug)' is not a permission of this environment."))
        }
        for id in organizationIDs ?? [] where try OrganizationsAPI.summaryIfExists(of: id, in: db) == nil {
            errors.append(FieldError(field: "invocable_by.organization_ids", code: "invalid_organization",
                                     message: "Organization not found: '\(id)'."))
        }
        guard errors.isEmpty else { throw APIError.invalidParameters(errors) }
    }

    func created(in tx: Transaction) throws -> BlueprintRecord {
        try checkReferences(in: tx.db)
        let record = BlueprintRecord(
            id: tx.newID("agent_blueprint"), name: name ?? "", description: description.applied(to: nil),
            permissions: permissions ?? [], roleSlugs: roleSlugs ?? [], organizationIds: organizationIDs ?? [],
            instanceTypes: instanceTypes ?? Self.instanceTypes,
            maxAgeSeconds: settings["max_age_seconds"] ?? Self.settingDefaults["max_age_seconds"]!,
            accessTokenTtlSeconds: settings["access_token_ttl_seconds"] ?? Self.settingDefaults["access_token_ttl_seconds"]!,
            refreshTokenTtlSeconds: settings["refresh_token_ttl_seconds"] ?? Self.settingDefaults["refresh_token_ttl_seconds"]!,
            createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        return record
    }

    /// The blueprint with the fields given replaced; lists replace the old ones whole.
    func applied(to current: BlueprintRecord, in tx: Transaction) throws -> BlueprintRecord {
        try checkReferences(in: tx.db)
        var record = current
        if let name { record.name = name }
        record.description = description.applied(to: current.description)
        if let permissions { record.permissions = permissions }
        if let roleSlugs { record.roleSlugs = roleSlugs }
        if let organizationIDs { record.organizationIds = organizationIDs }
        if let instanceTypes { record.instanceTypes = instanceTypes }
        if let seconds = settings["max_age_seconds"] { record.maxAgeSeconds = seconds }
        if let seconds = settings["access_token_ttl_seconds"] { record.accessTokenTtlSeconds = seconds }
        if let seconds = settings["refresh_token_ttl_seconds"] { record.refreshTokenTtlSeconds = seconds }
        record.updatedAt = tx.now
        try record.update(tx.db)
        return record
    }
}
