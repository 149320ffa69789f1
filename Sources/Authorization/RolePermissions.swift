import EmulatorCore
import GRDB

/// `authorization_role_permissions`: which permissions each role grants, kept in the order they were
/// granted (the join table's rowid).
enum RolePermissions {
    static let databaseTableName = "authorization_role_permissions"

    static func slugs(of roleID: String, in db: Database) throws -> [String] {
        try slugs(of: [roleID], in: db)[roleID] ?? []
    }

    /// The permission slugs of many roles in one query, by role ID.
    static func slugs(of roleIDs: [String], in db: Database) throws -> [String: [String]] {
        guard !roleIDs.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT rp.role_id, p.slug FROM authorization_role_permissions rp
            JOIN authorization_permissions p ON p.id = rp.permission_id
            WHERE rp.role_id IN (\(roleIDs.map { _ in "?" }.joined(separator: ",")))
            ORDER BY rp.rowid
            """, arguments: StatementArguments(roleIDs))
        return Dictionary(grouping: rows, by: { $0["role_id"] as String }).mapValues { $0.map { $0["slug"] as String } }
    }

    /// Grants the permission; false when the role already had it.
    static func add(_ permission: PermissionRecord, to roleID: String, in db: Database) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO authorization_role_permissions (role_id, permission_id) VALUES (?, ?)",
                       arguments: [roleID, permission.id])
        return db.changesCount > 0
    }

    /// Stops granting the permission; false when the role did not have it.
    static func remove(_ permission: PermissionRecord, from roleID: String, in db: Database) throws -> Bool {
        try db.execute(sql: "DELETE FROM authorization_role_permissions WHERE role_id = ? AND permission_id = ?",
                       arguments: [roleID, permission.id])
        return db.changesCount > 0
    }

    /// Makes the role grant exactly these permissions, in this order; false when it already did.
    static func set(_ permissions: [PermissionRecord], of roleID: String, in db: Database) throws -> Bool {
        guard try slugs(of: roleID, in: db) != permissions.map(\.slug) else { return false }
        try db.execute(sql: "DELETE FROM authorization_role_permissions WHERE role_id = ?", arguments: [roleID])
        for permission in permissions { _ = try add(permission, to: roleID, in: db) }
        return true
    }

    /// The permissions the slugs name, each once, in the order given; 404 for the first unknown one,
    /// before anything changes.
    static func permissions(_ slugs: [String], in db: Database) throws -> [PermissionRecord] {
        var seen: Set<String> = []
        return try slugs.filter { seen.insert($0).inserted }.map { try PermissionRecord.find(slug: $0, in: db) }
    }
}
