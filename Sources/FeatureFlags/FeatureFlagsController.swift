import EmulatorCore
import Hummingbird
import Organizations
import UserManagement

/// `/feature-flags`: the environment's flags by slug, turning them on and off, and their targets; and
/// the flags in effect for an organization or a user.
public struct FeatureFlagsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("feature-flags")
        group.get(use: list)
        group.get(":slug", use: get)
        group.put(":slug/enable") { try await setEnabled(true, $0, context: $1) }
        group.put(":slug/disable") { try await setEnabled(false, $0, context: $1) }
        group.post(":slug/targets/:resourceId", use: addTarget)
        group.delete(":slug/targets/:resourceId", use: removeTarget)
        api.get("organizations/:id/feature-flags", use: organizationFlags)
        api.get("user_management/users/:id/feature-flags", use: userFlags)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let list = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in try FlagRecord.all().page(list, in: db) }.wire)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        return .json(try await context.env().read { db in try FlagRecord.find(slug: slug, in: db).wire })
    }

    func setEnabled(_ enabled: Bool, _ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let slug = try context.parameter("slug")
        let environment = try context.env()
        return .json(try await environment.write { tx in
            try FlagRecord.find(slug: slug, in: tx.db).setting(enabled: enabled, by: .api(environment), in: tx).wire
        })
    }

    /// 204 whether or not the flag already targeted the resource; only a change emits `flag.rule_updated`.
    @Sendable func addTarget(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await changeTarget(context) { resourceID, flag, tx in try FlagTargetRecord.add(resourceID, to: flag, in: tx) }
    }

    @Sendable func removeTarget(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await changeTarget(context) { resourceID, flag, tx in try FlagTargetRecord.remove(resourceID, from: flag, in: tx) }
    }

    private func changeTarget(_ context: EmulatorRequestContext,
                              _ change: @escaping @Sendable (String, FlagRecord, Transaction) throws -> Bool) async throws -> Response {
        let slug = try context.parameter("slug")
        let resourceID = try context.parameter("resourceId")
        let environment = try context.env()
        try await environment.write { tx in
            let flag = try FlagRecord.find(slug: slug, in: tx.db)
            let before = try FlagRule(of: flag, in: tx.db)
            guard try change(resourceID, flag, tx) else { return }
            try flag.announceRuleChange(from: before, by: .api(environment), in: tx)
        }
        return .noContent
    }

    @Sendable func organizationFlags(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let organizationID = try context.parameter("id")
        let list = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: organizationID, in: db)
            return try FlagsInEffect.request(for: [organizationID]).page(list, in: db)
        }.wire)
    }

    /// A user's flags: those targeting the user, or an organization the user is an active member of.
    @Sendable func userFlags(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let userID = try context.parameter("id")
        let list = try ListQuery(QueryParameters(request))
        return .json(try await context.env().read { db in
            _ = try UserManagementAPI.account(userID, in: db)
            let organizations = try UserManagementAPI.memberships(of: userID, in: db).filter { $0.status == "active" }
            return try FlagsInEffect.request(for: [userID] + organizations.map(\.organizationID)).page(list, in: db)
        }.wire)
    }
}
