import EmulatorCore

/// `waitlists:` in a scenario file: each entry, keyed by its local name, is a waitlist made as
/// `POST /_emulator/waitlists` makes one, with the addresses waiting on it, added as
/// `POST /user_management/waitlists/{id}/entries` adds them (`waitlist_user.created`), then approved
/// (inviting the address) or denied when the entry says so.
///
/// ```yaml
/// waitlists:
///   launch:
///     default: true            # the environment's default waitlist (`default` in paths); default false
///     entries:
///       - email: dana@example.com
///         additional_fields: {company: Acme}   # optional, strings
///         state: pending       # default; or approved, denied
/// ```
public struct WaitlistsScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "waitlists"

    public var entrySchema: JSON {
        [
            "type": "object", "additionalProperties": false,
            "properties": [
                "default": ["type": "boolean"],
                "entries": [
                    "type": "array",
                    "items": [
                        "type": "object", "additionalProperties": false, "required": ["email"],
                        "properties": [
                            "email": ["type": "string"],
                            "additional_fields": [
                                "type": "object", "maxProperties": .int(NewWaitlistEntry.maxFields),
                                "additionalProperties": ["type": "string", "maxLength": .int(NewWaitlistEntry.maxValueLength)],
                            ],
                            "state": ["enum": .strings(WaitlistEntryRecord.State.allCases.map(\.rawValue))],
                        ],
                    ],
                ],
            ],
        ]
    }

    struct Waiting: Sendable {
        var entry: NewWaitlistEntry
        var state: WaitlistEntryRecord.State
        var path: String
    }

    struct Plan: ScenarioPlan {
        var waitlists: [(name: String, isDefault: Bool, entries: [Waiting])]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try waitlists.map { name, isDefault, entries in
                let waitlist = try WaitlistRecord.create(isDefault: isDefault, in: tx)
                for waiting in entries {
                    do {
                        var record = try waiting.entry.create(on: waitlist.id, in: tx)
                        switch waiting.state {
                        case .approved: try record.approve(baseURL: nil, in: tx)
                        case .denied: try record.deny(in: tx)
                        case .pending: break
                        }
                    } catch let error as APIError {
                        // What only the environment can refuse (a user with the address), named by its entry.
                        let reason = error.body["message"]?.stringValue ?? "could not be added"
                        throw APIError(.unprocessableContent, code: "scenario_invalid", message: "\(waiting.path): \(reason)")
                    }
                }
                names.record("waitlists", name, id: waitlist.id)
                return (name, waitlist.wire)
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        var defaultWaitlist: String?
        var emails: [String: String] = [:]  // address → the entry that adds it
        let planned = entries.map { entry -> (name: String, isDefault: Bool, entries: [Waiting]) in
            entry.rejectUnknownKeys(["default", "entries"], in: issues)
            let isDefault = entry.bool("default", in: issues) ?? false
            if isDefault {
                if let other = defaultWaitlist { issues.report(entry["default"]!, "\(other) is the default waitlist already.") }
                defaultWaitlist = entry.name
            }
            let waiting = entry.list("entries", in: issues).compactMap { item -> Waiting? in
                item.rejectUnknownKeys(["email", "additional_fields", "state"], in: issues)
                guard let raw = item.string("email", in: issues, required: true) else { return nil }
                guard let email = EmailAddress.normalize(raw) else {
                    issues.report(item["email"]!, "'\(raw)' is not a valid email address.")
                    return nil
                }
                if let other = emails[email] { issues.report(item["email"]!, "\(email) is on a waitlist already (\(other)).") }
                emails[email] = item.path
                let fields = item.object("additional_fields", in: issues) ?? [:]
                if let problem = NewWaitlistEntry.fieldsProblem(fields) { issues.report(item["additional_fields"]!, problem) }
                var state = WaitlistEntryRecord.State.pending
                if let text = item.string("state", in: issues) {
                    if let parsed = WaitlistEntryRecord.State(rawValue: text) { state = parsed } else {
                        issues.report(item["state"]!, "state must be pending, approved or denied.")
                    }
                }
                return Waiting(entry: NewWaitlistEntry(email: email, additionalFields: fields), state: state, path: item.path)
            }
            return (entry.name, isDefault, waiting)
        }
        return Plan(waitlists: planned)
    }
}
