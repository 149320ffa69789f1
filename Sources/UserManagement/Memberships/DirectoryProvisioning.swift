import Authorization
import EmulatorCore
import GRDB

/// Directory provisioning, as WorkOS feeds AuthKit from Directory Sync: each active directory user of
/// an organization's directory gets a user (the one with its primary email, else a new one:
/// `user.created`) and a membership of the organization with `directory_managed: true`, whose status,
/// roles and custom attributes follow the directory user. Directory Sync knows nothing of this area:
/// this observer reads its `dsync.user.*` events inside the transaction that emits them, so the
/// membership changes commit with the directory change or not at all.
///
/// - created or updated, `active` → the membership is created (or linked, when the user already has
///   one in the organization) and made `active`;
/// - `suspended` or `inactive` → the membership becomes `inactive`; reactivating the directory user
///   makes it `active` again;
/// - deleted (itself, or with its directory) → the membership is deleted; the user stays.
///
/// The directory has the last word: a change made through the API to a directory-managed membership
/// stands until the directory user's next change overrides it.
public enum DirectoryProvisioning {
    public static let observer: EventObserver = { tx, event in
        switch event.event {
        case "dsync.user.created", "dsync.user.updated": try follow(event.data, in: tx)
        case "dsync.user.deleted": try forget(event.data, in: tx)
        default: return
        }
    }

    private static func follow(_ directoryUser: JSON, in tx: Transaction) throws {
        guard let directoryUserID = directoryUser["id"]?.stringValue,
              let organizationID = directoryUser["organization_id"]?.stringValue else { return }
        let active = directoryUser["state"] == "active"
        let membership = try MembershipRecord.find(directoryUserID: directoryUserID, in: tx.db)
        guard membership != nil || active else { return }
        guard let user = try user(for: directoryUser, linkedTo: membership, in: tx) else { return }

        let roles = try roleSlugs(directoryUser, organizationID: organizationID, in: tx.db)
        let customAttributes = directoryUser["custom_attributes"]?.objectValue ?? [:]
        let status: MembershipRecord.Status = active ? .active : .inactive
        guard var record = try membership ?? MembershipRecord.find(userID: user.id, organizationID: organizationID, in: tx.db) else {
            var record = MembershipRecord(userID: user.id, organizationID: organizationID, status: status,
                                          roleSlugs: roles, in: tx)
            record.directoryManaged = true
            record.directoryUserId = directoryUserID
            record.customAttributes = customAttributes
            try record.create(in: tx)
            return
        }
        let before = record
        record.status = status
        record.roleSlugs = roles
        record.directoryManaged = true
        record.directoryUserId = directoryUserID
        record.customAttributes = customAttributes
        try record.save(changedFrom: before, in: tx)
    }

    private static func forget(_ directoryUser: JSON, in tx: Transaction) throws {
        guard let directoryUserID = directoryUser["id"]?.stringValue else { return }
        try MembershipRecord.find(directoryUserID: directoryUserID, in: tx.db)?.remove(in: tx)
    }

    /// The user a directory user stands for: the linked membership's, else the one with its primary
    /// email, else a new one. The directory's names override the user's (`user.updated`). Nil when the
    /// directory user has no usable email and no membership yet.
    private static func user(for directoryUser: JSON, linkedTo membership: MembershipRecord?,
                             in tx: Transaction) throws -> UserRecord? {
        let firstName = directoryUser["first_name"]?.stringValue
        let lastName = directoryUser["last_name"]?.stringValue
        var user: UserRecord
        if let membership {
            user = try UserRecord.find(membership.userId, in: tx.db)
        } else {
            guard let email = directoryUser["email"]?.stringValue.flatMap(EmailAddress.normalize) else { return nil }
            guard let existing = try UserRecord.find(email: email, in: tx.db) else {
                var created = UserRecord(id: tx.newID("user"), email: email, emailVerified: false, at: tx.now)
                created.firstName = firstName
                created.lastName = lastName
                try created.insert(tx.db)
                try tx.emit("user.created", created.wire)
                return created
            }
            user = existing
        }
        let before = user
        if let firstName { user.firstName = firstName }
        if let lastName { user.lastName = lastName }
        try user.save(changedFrom: before, in: tx)
        return user
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
