import EmulatorCore
import UserManagement

/// `users:` in a scenario file: users who can sign in, with their password, TOTP secret and
/// memberships (organizations by local name). It lives with AuthKit because what it seeds is what
/// signing in needs; the users themselves are made through User Management's API.
///
/// ```yaml
/// users:
///   ann:
///     email: ann@example.com
///     password: correct-horse-9       # hashed when the file is loaded; checked against the policy
///     first_name: Ann                 # optional; also last_name, email_verified (default true)
///     totp_secret: JBSWY3DPEHPK3PXP   # enrols a TOTP factor: every sign-in then asks for a code
///     memberships:
///       - organization: acme          # a local name of the organizations section
///         role: admin                 # or roles: [admin, billing]; default member
/// ```
public struct UsersScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "users"

    public var entrySchema: JSON {
        let membership: JSON = [
            "type": "object", "additionalProperties": false, "required": ["organization"],
            "properties": [
                "organization": ["type": "string"],
                "role": ["type": "string"],
                "roles": ["type": "array", "items": ["type": "string"], "minItems": 1],
            ],
        ]
        return [
            "type": "object", "additionalProperties": false, "required": ["email"],
            "properties": [
                "email": ["type": "string"],
                "password": ["type": "string"],
                "first_name": ["type": "string"],
                "last_name": ["type": "string"],
                "email_verified": ["type": "boolean"],
                "totp_secret": ["type": "string", "pattern": "^[A-Za-z2-7 =]+$"],
                "memberships": ["type": "array", "items": membership],
            ],
        ]
    }

    struct User: Sendable {
        var email: String
        var password: NewPassword?
        var firstName: String?
        var lastName: String?
        var emailVerified: Bool
        var totpSecret: String?
        var memberships: [(organization: String, roles: [String]?)]
    }

    struct Plan: ScenarioPlan {
        var users: [(name: String, user: User)]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try users.map { name, user in
                let account = try UserManagementAPI.signUp(email: user.email, password: user.password, firstName: user.firstName,
                                                           lastName: user.lastName, emailVerified: user.emailVerified, in: tx)
                for membership in user.memberships {
                    _ = try UserManagementAPI.joinOrganization(userID: account.id,
                                                               organizationID: try names.id("organizations", membership.organization),
                                                               roleSlugs: membership.roles, in: tx)
                }
                if let secret = user.totpSecret {
                    try FactorEnrollment.totp(userID: account.id, issuer: "WorkOS Emulator", user: account.email, secret: secret, in: tx)
                }
                names.record("users", name, id: account.id)
                return (name, account.wire)
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        var emails: [String: String] = [:]
        let users = entries.compactMap { entry -> (String, User)? in
            entry.rejectUnknownKeys(["email", "password", "first_name", "last_name", "email_verified", "totp_secret",
                                     "memberships"], in: issues)
            guard let email = entry.string("email", in: issues, required: true)?.lowercased() else { return nil }
            if let other = emails[email] { issues.report(entry["email"]!, "\(email) is also \(other)'s email.") }
            emails[email] = entry.name
            var user = User(email: email, firstName: entry.string("first_name", in: issues),
                            lastName: entry.string("last_name", in: issues),
                            emailVerified: entry.bool("email_verified", in: issues) ?? true, memberships: [])
            if let password = entry.string("password", in: issues) {
                do { user.password = try NewPassword(password) } catch let error as APIError {
                    let reasons = error.body["errors"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
                    issues.report(entry["password"]!, reasons.joined(separator: " "))
                } catch {
                    issues.report(entry["password"]!, "the password could not be hashed.")
                }
            }
            if let secret = entry.string("totp_secret", in: issues) {
                let normalized = secret.uppercased().replacingOccurrences(of: " ", with: "")
                if TOTP.isValidSecret(normalized) { user.totpSecret = normalized } else {
                    issues.report(entry["totp_secret"]!, "totp_secret must be a base32 secret of at least 80 bits.")
                }
            }
            for item in entry.list("memberships", in: issues) {
                item.rejectUnknownKeys(["organization", "role", "roles"], in: issues)
                guard let organization = item.reference("organization", to: "organizations", in: issues) else { continue }
                let single = item.string("role", in: issues)
                let multiple = item.list("roles", in: issues).compactMap(\.json.stringValue)
                if single != nil && !multiple.isEmpty { issues.report(item, "give role or roles, not both.") }
                user.memberships.append((organization, single.map { [$0] } ?? (multiple.isEmpty ? nil : multiple)))
            }
            return (entry.name, user)
        }
        return Plan(users: users)
    }
}
