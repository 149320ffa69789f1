import EmulatorCore
import Hummingbird
import Organizations

/// `/organizations/{id}/audit_logs_retention` and `/organizations/{id}/audit_log_configuration`.
public struct AuditLogRetentionController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.get("organizations/:id/audit_logs_retention", use: get)
        api.put("organizations/:id/audit_logs_retention", use: update)
        api.get("organizations/:id/audit_log_configuration", use: configuration)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let days = try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: id, in: db)
            return try AuditLogRetentionRecord.days(of: id, in: db)
        }
        return .json(["retention_period_in_days": .int(days)])
    }

    @Sendable func update(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let days = try AuditLogRetentionRecord.requestedDays(try await JSONBody.read(request))
        try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: id, in: tx.db)
            try AuditLogRetentionRecord(organizationId: id, retentionPeriodInDays: days).save(tx.db)
        }
        return .json(["retention_period_in_days": .int(days)])
    }

    /// Audit logs are always on in the emulator, and it has no log streams.
    @Sendable func configuration(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let days = try await context.env().read { db in
            _ = try OrganizationsAPI.summary(of: id, in: db)
            return try AuditLogRetentionRecord.days(of: id, in: db)
        }
        return .json([
            "organization_id": .string(id),
            "retention_period_in_days": .int(days),
            "state": "active",
            "log_stream": nil,
        ])
    }
}
