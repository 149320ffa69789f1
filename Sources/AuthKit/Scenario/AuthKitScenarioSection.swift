import EmulatorCore

/// `authkit:` in a scenario file: the environment's AuthKit settings, the same keys as
/// `PUT /_emulator/authkit`. One mapping of settings, not named entries; keys left out keep their
/// defaults.
///
/// ```yaml
/// authkit:
///   mfa_required: true                  # users without a TOTP factor must enrol
///   email_verification_required: true   # unverified users must verify a mailed code
///   access_token_lifetime_seconds: 600  # 1–86400, default 300
///   automatic_sign_in: true             # authorize redirects at once, for login_hint or sign_in_as
///   sign_in_as: ann@example.com
/// ```
public struct AuthKitScenarioSection: ScenarioSection {
    public init() {}

    public let key = "authkit"

    public var sectionSchema: JSON {
        [
            "type": "object", "additionalProperties": false,
            "properties": [
                "automatic_sign_in": ["type": "boolean"],
                "sign_in_as": ["type": "string", "minLength": 1],
                "email_verification_required": ["type": "boolean"],
                "mfa_required": ["type": "boolean"],
                "access_token_lifetime_seconds": ["type": "integer",
                                                  "minimum": .int(AuthKitSettings.accessTokenLifetimes.lowerBound),
                                                  "maximum": .int(AuthKitSettings.accessTokenLifetimes.upperBound)],
            ],
        ]
    }

    struct Plan: ScenarioPlan {
        var automaticSignIn: Bool?
        var signInAs: String?
        var emailVerificationRequired: Bool?
        var mfaRequired: Bool?
        var accessTokenLifetimeSeconds: Int?

        /// Answers the settings as they stand after the file, key by key.
        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            var settings = try AuthKitSettings.current(in: tx.db)
            settings.automaticSignIn = automaticSignIn ?? settings.automaticSignIn
            settings.signInAs = signInAs ?? settings.signInAs
            settings.emailVerificationRequired = emailVerificationRequired ?? settings.emailVerificationRequired
            settings.mfaRequired = mfaRequired ?? settings.mfaRequired
            settings.accessTokenLifetimeSeconds = accessTokenLifetimeSeconds ?? settings.accessTokenLifetimeSeconds
            try settings.save(tx.db)
            return (settings.wire.objectValue?.pairs ?? []).filter { $0.key != "object" }.map { ($0.key, $0.value) }
        }
    }

    /// `entries` are the section's keys, each a setting.
    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        var plan = Plan()
        for entry in entries {
            switch entry.name {
            case "automatic_sign_in": plan.automaticSignIn = boolean(entry, issues)
            case "email_verification_required": plan.emailVerificationRequired = boolean(entry, issues)
            case "mfa_required": plan.mfaRequired = boolean(entry, issues)
            case "sign_in_as":
                if let text = entry.json.stringValue, !text.isEmpty { plan.signInAs = text } else {
                    issues.report(entry, "sign_in_as must be a non-empty string (an email address).")
                }
            case "access_token_lifetime_seconds":
                let range = AuthKitSettings.accessTokenLifetimes
                if let seconds = entry.json.intValue, range.contains(seconds) { plan.accessTokenLifetimeSeconds = seconds } else {
                    issues.report(entry, "access_token_lifetime_seconds must be a whole number from \(range.lowerBound) to \(range.upperBound).")
                }
            default:
                issues.report(entry, "\(entry.name) is not an AuthKit setting (known: \(AuthKitSettings.fields.sorted().joined(separator: ", "))).")
            }
        }
        return plan
    }

    private func boolean(_ entry: ScenarioValue, _ issues: ScenarioIssues) -> Bool? {
        guard let value = entry.json.boolValue else {
            issues.report(entry, "\(entry.name) must be true or false.")
            return nil
        }
        return value
    }
}
