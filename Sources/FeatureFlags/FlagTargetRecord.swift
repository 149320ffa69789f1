import EmulatorCore
import Foundation
import GRDB
import Organizations
import UserManagement

/// A row of `feature_flag_targets`: an organization or a user a flag is turned on for.
struct FlagTargetRecord: EmulatorRecord, Equatable {
    static let databaseTableName = "feature_flag_targets"

    enum Kind: String, Codable, Sendable {
        case organization, user
    }

    var flagId: String
    var resourceId: String
    var kind: Kind
    var createdAt: Date

    /// What a resource ID names, by its prefix (`org_…` or `user_…`), as WorkOS reads it; anything
    /// else is its 400 `invalid_resource_id_format`.
    static func kind(of resourceID: String) throws -> Kind {
        if resourceID.hasPrefix("org_") { return .organization }
        if resourceID.hasPrefix("user_") { return .user }
        throw APIError(.badRequest, code: "invalid_resource_id_format", message: "Invalid resource id",
                       extra: ["statusCode": 400])
    }

    /// Targets the organization or user (its 404 when there is none); targeting it again is a no-op.
    /// Answers whether the rule changed.
    @discardableResult
    static func add(_ resourceID: String, to flag: FlagRecord, in tx: Transaction) throws -> Bool {
        let kind = try kind(of: resourceID)
        switch kind {
        case .organization: _ = try OrganizationsAPI.summary(of: resourceID, in: tx.db)
        case .user: _ = try UserManagementAPI.account(resourceID, in: tx.db)
        }
        guard try fetchOne(tx.db, key: ["flag_id": flag.id, "resource_id": resourceID]) == nil else { return false }
        try FlagTargetRecord(flagId: flag.id, resourceId: resourceID, kind: kind, createdAt: tx.now).insert(tx.db)
        return true
    }

    /// Stops targeting the resource; one the flag does not target is a no-op. Answers whether the rule
    /// changed.
    static func remove(_ resourceID: String, from flag: FlagRecord, in tx: Transaction) throws -> Bool {
        _ = try kind(of: resourceID)
        return try deleteOne(tx.db, key: ["flag_id": flag.id, "resource_id": resourceID])
    }

    static func all(of flag: FlagRecord, in db: Database) throws -> [FlagTargetRecord] {
        try filter(Column("flag_id") == flag.id).order(Column("created_at"), Column("resource_id")).fetchAll(db)
    }
}

/// A flag's targeting as its `flag.rule_updated` event describes it.
struct FlagRule {
    /// `all` when the flag answers true by default, `some` when it targets anyone, else `none`.
    let accessType: String
    /// `{organizations: [{id, name}], users: [{id, email}]}`.
    let configuredTargets: JSON

    init(of flag: FlagRecord, in db: Database) throws {
        let targets = try FlagTargetRecord.all(of: flag, in: db)
        var organizations: [JSON] = []
        var users: [JSON] = []
        for target in targets {
            switch target.kind {
            case .organization:
                let name = try OrganizationsAPI.summaryIfExists(of: target.resourceId, in: db)?.name
                organizations.append(["id": .string(target.resourceId), "name": .string(name)])
            case .user:
                let email = try? UserManagementAPI.account(target.resourceId, in: db).email
                users.append(["id": .string(target.resourceId), "email": .string(email)])
            }
        }
        accessType = flag.defaultValue ? "all" : targets.isEmpty ? "none" : "some"
        configuredTargets = ["organizations": .array(organizations), "users": .array(users)]
    }
}
