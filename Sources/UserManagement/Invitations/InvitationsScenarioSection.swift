import EmulatorCore
import Foundation

/// `invitations:` in a scenario file: invitations made as `POST /user_management/invitations` makes
/// them (`invitation.created`, the pending membership an existing user gets, the email in the outbox),
/// then accepted or revoked when the entry says so, with the API's events.
///
/// ```yaml
/// invitations:
///   dana:
///     email: dana@acme.com
///     organization: acme             # a local name of the organizations section; absent: the application
///     role: admin                    # default member; needs organization
///     inviter: ann                   # optional: a local name of the users section
///     token: invite-dana-pinned      # optional: pinned, so a test can accept it; also id (invitation_…)
///     expires_in_days: 14            # 1–30, default 7; or expires_at: 2030-01-01T00:00:00Z
///     state: pending                 # default; or accepted, revoked, expired (expired at load time)
/// ```
public struct InvitationsScenarioSection: ScenarioEntriesSection {
    public init() {}

    public let key = "invitations"

    static let fields: Set<String> = ["id", "email", "organization", "role", "inviter", "token", "expires_in_days",
                                      "expires_at", "state"]

    public var entrySchema: JSON {
        [
            "type": "object", "additionalProperties": false, "required": ["email"],
            "properties": [
                "id": ["type": "string", "pattern": "^invitation_"],
                "email": ["type": "string"],
                "organization": ["type": "string"],
                "role": ["type": "string"],
                "inviter": ["type": "string"],
                "token": ["type": "string", "minLength": 1],
                "expires_in_days": ["type": "integer", "minimum": .int(OneTimeCode.invitationDays.lowerBound),
                                    "maximum": .int(OneTimeCode.invitationDays.upperBound)],
                "expires_at": ["type": "string", "format": "date-time"],
                "state": ["enum": ["pending", "accepted", "revoked", "expired"]],
            ],
        ]
    }

    enum State: String, Sendable { case pending, accepted, revoked, expired }

    struct Entry: Sendable {
        var invitation: NewInvitation
        var organization: String?
        var inviter: String?
        var state: State
        var path: String
    }

    struct Plan: ScenarioPlan {
        var entries: [(name: String, entry: Entry)]

        func apply(in tx: Transaction, names: inout ScenarioNames) throws -> [(name: String, object: JSON)] {
            try entries.map { name, entry in
                var invitation = entry.invitation
                invitation.organizationID = try entry.organization.map { try names.id("organizations", $0) }
                invitation.inviterUserID = try entry.inviter.map { try names.id("users", $0) }
                if entry.state == .expired { invitation.expiry = .at(tx.now) }
                var record: InvitationRecord
                do {
                    record = try invitation.create(in: tx)
                    switch entry.state {
                    case .accepted: try record.accept(in: tx)
                    case .revoked: try record.revoke(in: tx)
                    case .pending, .expired: break
                    }
                } catch let error as APIError {
                    // What only the environment can refuse (a role it lacks, a member already there),
                    // named by the entry that asked for it.
                    let reason = error.body["message"]?.stringValue ?? "could not be created"
                    throw APIError(.unprocessableContent, code: "scenario_invalid", message: "\(entry.path): \(reason)")
                }
                names.record("invitations", name, id: record.id)
                return (name, record.wire(at: tx.now, baseURL: ""))
            }
        }
    }

    public func plan(_ entries: [ScenarioValue], issues: ScenarioIssues) -> any ScenarioPlan {
        var tokens: [String: String] = [:]
        var pending: [String: String] = [:]  // email and organization → entry
        let planned = entries.compactMap { entry -> (String, Entry)? in
            entry.rejectUnknownKeys(Self.fields, in: issues)
            let raw = entry.string("email", in: issues, required: true)
            let email = raw.flatMap(EmailAddress.normalize)
            if let raw, email == nil { issues.report(entry["email"]!, "'\(raw)' is not a valid email address.") }
            var invitation = NewInvitation(email: email ?? "")
            let organization = entry.reference("organization", to: "organizations", in: issues, required: false)
            let inviter = entry.reference("inviter", to: "users", in: issues, required: false)
            invitation.roleSlug = entry.string("role", in: issues)
            if invitation.roleSlug != nil && entry["organization"] == nil {
                issues.report(entry["role"]!, "role needs an organization.")
            }
            invitation.id = entry.string("id", in: issues)
            if let id = invitation.id, !id.hasPrefix("invitation_") {
                issues.report(entry["id"]!, "id must start with invitation_.")
            }
            invitation.token = entry.string("token", in: issues, required: entry["token"] != nil)
            if let token = invitation.token {
                if let other = tokens[token] { issues.report(entry["token"]!, "token is also \(other)'s.") }
                tokens[token] = entry.name
            }
            let state = Self.state(of: entry, issues: issues)
            if let expiry = Self.expiry(of: entry, state: state, issues: issues) { invitation.expiry = expiry }
            if let email, state == .pending || state == .accepted {
                // Accepting needs a pending invitation first, so both claim the address's one pending slot.
                let slot = "\(email) \(organization ?? "")"
                if let other = pending[slot] {
                    issues.report(entry["email"]!, "\(email) already has a pending invitation here (\(other)).")
                }
                if state == .pending { pending[slot] = entry.name }
            }
            guard email != nil else { return nil }
            return (entry.name, Entry(invitation: invitation, organization: organization, inviter: inviter, state: state,
                                      path: entry.path))
        }
        return Plan(entries: planned)
    }

    private static func state(of entry: ScenarioValue, issues: ScenarioIssues) -> State {
        guard let text = entry.string("state", in: issues) else { return .pending }
        guard let state = State(rawValue: text) else {
            issues.report(entry["state"]!, "state must be pending, accepted, revoked or expired.")
            return .pending
        }
        return state
    }

    private static func expiry(of entry: ScenarioValue, state: State, issues: ScenarioIssues) -> NewInvitation.Expiry? {
        let days = entry["expires_in_days"].flatMap { value -> Int? in
            guard let days = value.json.intValue, OneTimeCode.invitationDays.contains(days) else {
                issues.report(value, "expires_in_days must be a whole number from \(OneTimeCode.invitationDays.lowerBound) "
                                  + "to \(OneTimeCode.invitationDays.upperBound).")
                return nil
            }
            return days
        }
        let date = entry.string("expires_at", in: issues).flatMap { text -> Date? in
            guard let date = Timestamp.parse(text) else {
                issues.report(entry["expires_at"]!, "expires_at must be an ISO-8601 timestamp.")
                return nil
            }
            return date
        }
        if entry["expires_in_days"] != nil && entry["expires_at"] != nil {
            issues.report(entry, "give expires_in_days or expires_at, not both.")
        }
        if state == .expired && (entry["expires_in_days"] != nil || entry["expires_at"] != nil) {
            issues.report(entry["state"]!, "an expired invitation expires as the file is loaded; drop its expiry.")
        }
        return days.map { .days($0) } ?? date.map { .at($0) }
    }
}
