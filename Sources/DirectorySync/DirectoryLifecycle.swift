import EmulatorCore
import Foundation
import GRDB
import Organizations

/// Everything needed to create a directory, however it was asked for (the control API or a scenario).
struct NewDirectory: Sendable {
    var id: String?
    var organizationID: String
    var name: String?
    var type = "generic scim v2.0"
    var domain: String?
    var state = DirectoryRecord.State.linked
    var groupRoles: [GroupRole] = []

    /// Creates it; a directory born `linked` announces itself with `dsync.activated`.
    func create(in tx: Transaction) throws -> DirectoryRecord {
        let organization = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
        if let id, try DirectoryRecord.exists(tx.db, key: id) {
            throw APIError(.conflict, message: "A directory with ID '\(id)' already exists.")
        }
        let record = DirectoryRecord(
            id: id ?? tx.newID("directory"), organizationId: organization.id, name: name ?? organization.name,
            type: type, state: state, domain: domain, externalKey: ObjectID.token(16), scimSecret: ObjectID.token(32),
            syncRequestedAt: nil, groupRoles: try GroupRole.validate(groupRoles, organizationID: organization.id, in: tx.db),
            createdAt: tx.now, updatedAt: tx.now)
        try record.insert(tx.db)
        if state == .linked { try tx.emit("dsync.activated", try record.activatedEventData(in: tx.db)) }
        return record
    }
}

extension DirectoryRecord {
    /// Moves the directory to `state`; reaching `linked` emits `dsync.activated`.
    func transition(to state: State, in tx: Transaction) throws -> DirectoryRecord {
        guard state != self.state else { return self }
        var record = self
        record.state = state
        record.updatedAt = tx.now
        try record.update(tx.db)
        if state == .linked { try tx.emit("dsync.activated", try record.activatedEventData(in: tx.db)) }
        return record
    }

    /// Replaces the group → role mappings; every user whose roles change gets `dsync.user.updated`.
    func mapGroups(_ groupRoles: [GroupRole], in tx: Transaction) throws -> DirectoryRecord {
        let groupRoles = try GroupRole.validate(groupRoles, organizationID: organizationId, in: tx.db)
        guard groupRoles != self.groupRoles else { return self }
        var record = self
        record.groupRoles = groupRoles
        record.updatedAt = tx.now
        try record.update(tx.db)
        let users = try DirectoryUserRecord.all(in: id).select(Column("id"), as: String.self).order(Column("id")).fetchAll(tx.db)
        try DirectoryWriter(tx: tx, directory: record).refreshRoles(of: users)
        return record
    }

    /// Deletes the directory with its users and groups, and emits `dsync.deleted` alone: WorkOS sends
    /// no `dsync.user.deleted` or `dsync.group.deleted` for a deleted directory's users and groups, so
    /// whoever follows the directory (directory provisioning) reads the whole teardown from this one
    /// event. Its users, groups and group members go with the directory's row (their foreign keys
    /// cascade). The event's `state` is `deleting`, as in WorkOS's sample.
    func delete(in tx: Transaction) throws {
        var record = self
        record.state = .deleting
        try delete(tx.db)
        try tx.emit("dsync.deleted", record.deletedEventData)
    }
}

/// The events Directory Sync follows: an organization's directories leave with it.
public enum DirectorySyncObservers {
    public static let all: [EventObserver] = [organizationDeleted]

    @Sendable static func organizationDeleted(_ tx: Transaction, _ event: Event) throws {
        guard event.event == "organization.deleted", let organizationID = event.data["id"]?.stringValue else { return }
        for directory in try DirectoryRecord.all(of: organizationID, in: tx.db) { try directory.delete(in: tx) }
    }
}
