import Authorization
import EmulatorCore
import GRDB
import Organizations

/// Directory provisioning, as WorkOS feeds AuthKit from Directory Sync: each active directory user of
/// an organization's directory gets a user (the one with its primary email, else a new one:
/// `user.created`) and a membership of the organization with `directory_managed: true`, whose status,
/// roles and custom attributes follow the directory user. Directory Sync knows nothing of this area:
/// this observer reads its `dsync.*` events inside the transaction that emits them, so the
/// membership changes commit with the directory change or not at all.
///
/// - created or updated, `active` → the membership is created (or linked, when the user already has
///   one in the organization). A user whose email is in one of the organization's verified domains
///   becomes an `active` member at once; any other gets a `pending` membership and an invitation
///   (`invitation.created`, and its email in the outbox), and becomes `active` on accepting it;
/// - `suspended` or `inactive` → the membership becomes `inactive` (and an unaccepted invitation is
///   revoked); reactivating the directory user makes it `active` again, or `pending` with a new
///   invitation when it had never been accepted;
/// - deleted (itself: `dsync.user.deleted`, or with its directory: `dsync.deleted`, which WorkOS sends
///   alone) → the membership is deleted, with its unaccepted invitation; the user stays.
///
/// The directory has the last word: a change made through the API to a directory-managed membership
/// stands until the directory user's next change overrides it. It has it on the user's names only for
/// emails in a verified domain, the users WorkOS calls "fully managed by the directory".
public enum DirectoryProvisioning {
    public static let observer: EventObserver = { tx, event in
        switch event.event {
        case "dsync.user.created", "dsync.user.updated": try follow(event.data, in: tx)
        case "dsync.user.deleted": try forget(event.data, in: tx)
        case "dsync.deleted": try forgetDirectory(event.data, in: tx)
        default: return
        }
    }

    private static func follow(_ directoryUser: JSON, in tx: Transaction) throws {
        guard let directoryUserID = directoryUser["id"]?.stringValue,
              let organizationID = directoryUser["organization_id"]?.stringValue else { return }
        let active = directoryUser["state"] == "active"
        let membership = try MembershipRecord.find(directoryUserID: directoryUserID, in: tx.db)
        guard membership != nil || active else { return }
        guard let (user, managed) = try user(for: directoryUser, linkedTo: membership, organizationID: organizationID,
                                             in: tx) else { return }

        let roles = try roleSlugs(directoryUser, organizationID: organizationID, in: tx.db)
        guard var record = try membership ?? MembershipRecord.find(userID: user.id, organizationID: organizationID, in: tx.db) else {
            var record = MembershipRecord(userID: user.id, organizationID: organizationID,
                                          status: managed ? .active : .pending, roleSlugs: roles, in: tx)
            record.follow(directoryUser)
            try record.create(in: tx)
            if record.status == .pending { try invite(user.email, to: record, in: tx) }
            return
        }
        let before = record
        record.status = try status(of: before, active: active, managed: managed, email: user.email, in: tx.db)
        record.roleSlugs = roles
        record.follow(directoryUser)
        try record.save(changedFrom: before, in: tx)
        if before.status == .pending && record.status != .pending {
            try withdrawInvitation(of: user.email, to: organizationID, in: tx)
        } else if before.status != .pending && record.status == .pending {
            try invite(user.email, to: record, in: tx)
        }
    }

    /// The status a linked membership takes: `inactive` while the directory user is not active;
    /// otherwise `active`, except that a membership still waiting for its invitation to be accepted
    /// stays (or, reactivated, becomes again) `pending` — unless the email is in a verified domain.
    private static func status(of membership: MembershipRecord, active: Bool, managed: Bool, email: String,
                               in db: Database) throws -> MembershipRecord.Status {
        guard active else { return .inactive }
        if managed { return .active }
        switch membership.status {
        case .active: return .active
        case .pending: return .pending
        case .inactive:
            let newest = try InvitationRecord.newest(email: email, organizationID: membership.organizationId, in: db)
            return newest == nil || newest?.state == .accepted ? .active : .pending
        }
    }

    private static func forget(_ directoryUser: JSON, in tx: Transaction) throws {
        guard let directoryUserID = directoryUser["id"]?.stringValue,
              let membership = try MembershipRecord.find(directoryUserID: directoryUserID, in: tx.db) else { return }
        try forget(membership, in: tx)
    }

    /// `dsync.deleted` comes alone: the directory's memberships are found by the directory they follow.
    private static func forgetDirectory(_ directory: JSON, in tx: Transaction) throws {
        guard let directoryID = directory["id"]?.stringValue else { return }
        for membership in try MembershipRecord.all(ofDirectory: directoryID, in: tx.db) { try forget(membership, in: tx) }
    }

    private static func forget(_ membership: MembershipRecord, in tx: Transaction) throws {
        try membership.remove(in: tx)
        if membership.status == .pending {
            try withdrawInvitation(of: try UserRecord.find(membership.userId, in: tx.db).email,
                                   to: membership.organizationId, in: tx)
        }
    }

    /// Invites a pending member through the invitations API's path (`invitation.created`, the email in
    /// the outbox), with the membership's primary role; an invitation already pending is enough.
    private static func invite(_ email: String, to membership: MembershipRecord, in tx: Transaction) throws {
        guard try InvitationRecord.pending(email: email, organizationID: membership.organizationId, at: tx.now,
                                           in: tx.db) == nil else { return }
        _ = try NewInvitation(email: email, organizationID: membership.organizationId,
                              roleSlug: membership.roleSlugs.first).create(in: tx)
    }

    /// Revokes the address's pending invitation to the organization (`invitation.revoked`), so it can no
    /// longer make a member of someone the directory has deactivated, deleted or already admitted.
    private static func withdrawInvitation(of email: String, to organizationID: String, in tx: Transaction) throws {
        guard var invitation = try InvitationRecord.pending(email: email, organizationID: organizationID, at: tx.now,
                                                            in: tx.db) else { return }
        try invitation.revoke(in: tx)
    }

    /// The user a directory user stands for — the linked membership's, else the one with its primary
    /// email, else a new one — and whether the directory fully manages it (its email is in one of the
    /// organization's verified domains). A new user takes the directory's names; an existing one takes
    /// them only when fully managed (`user.updated`). Nil when the directory user has no usable email
    /// and no membership yet.
    private static func user(for directoryUser: JSON, linkedTo membership: MembershipRecord?, organizationID: String,
                             in tx: Transaction) throws -> (UserRecord, managed: Bool)? {
        let firstName = directoryUser["first_name"]?.stringValue
        let lastName = directoryUser["last_name"]?.stringValue
        var user: UserRecord
        if let membership {
            user = try UserRecord.find(membership.userId, in: tx.db)
        } else {
            guard let email = directoryUser["email"]?.stringValue.flatMap(EmailAddress.normalize) else { return nil }
            guard let existing = try UserRecord.find(email: email, in: tx.db) else {
                let created = try UserRecord.signUp(email: email, in: tx) { user in
                    user.firstName = firstName
                    user.lastName = lastName
                }
                return (created, try inVerifiedDomain(email, of: organizationID, in: tx.db))
            }
            user = existing
        }
        guard try inVerifiedDomain(user.email, of: organizationID, in: tx.db) else { return (user, false) }
        let before = user
        if let firstName { user.firstName = firstName }
        if let lastName { user.lastName = lastName }
        try user.save(changedFrom: before, in: tx)
        return (user, true)
    }

    private static func inVerifiedDomain(_ email: String, of organizationID: String, in db: Database) throws -> Bool {
        guard let at = email.lastIndex(of: "@") else { return false }
        return try OrganizationsAPI.organizationID(verifiedDomain: String(email[email.index(after: at)...]), in: db)
            == organizationID
    }

    /// The directory user's roles that are roles of the organization (environment roles or its own,
    /// at organization level), in the directory's order; the default role when none is.
    private static func roleSlugs(_ directoryUser: JSON, organizationID: String, in db: Database) throws -> [String] {
        let slugs = directoryUser["roles"]?.arrayValue?.compactMap { $0["slug"]?.stringValue } ?? []
        var seen: Set<String> = []
        let known = try slugs.filter { slug in
            guard seen.insert(slug).inserted, let role = try AuthorizationAPI.role(slug, in: organizationID, db: db) else { return false }
            return role.resourceTypeSlug == AuthorizationAPI.organizationResourceType
        }
        return known.isEmpty ? [MembershipRoles.defaultSlug] : known
    }
}

private extension MembershipRecord {
    /// Marks the membership as the directory user's, with its custom attributes.
    mutating func follow(_ directoryUser: JSON) {
        directoryManaged = true
        directoryUserId = directoryUser["id"]?.stringValue
        directoryId = directoryUser["directory_id"]?.stringValue
        customAttributes = directoryUser["custom_attributes"]?.objectValue ?? [:]
    }
}
