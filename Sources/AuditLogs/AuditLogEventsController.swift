import EmulatorCore
import Hummingbird
import Organizations

/// `POST /audit_logs/events`: record an event, checked against its action's schema when it has one.
/// (`Idempotency-Key` is honoured by the server's middleware, for this route as for every POST.)
public struct AuditLogEventsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.post("audit_logs/events", use: create)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let organizationID = try body.requiredString("organization_id")
        guard let eventObject = try body.objectValue("event") else { throw JSONBody.required("event") }
        let input = try AuditLogEventInput(eventObject)
        try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            let schema: AuditLogSchemaRecord?
            if let version = input.version {
                guard let named = try AuditLogSchemaRecord.version(version, of: input.action, in: tx.db) else {
                    throw APIError(.badRequest, code: "invalid_audit_log_event",
                                   message: "The action '\(input.action)' has no schema version \(version).",
                                   extra: ["errors": []])
                }
                schema = named
            } else {
                schema = try AuditLogSchemaRecord.latest(of: input.action, in: tx.db)
            }
            try schema?.check(input)
            try AuditLogEventRecord(input, organizationID: organizationID, version: schema?.version, in: tx).insert(tx.db)
        }
        return .json(["success": true])
    }
}
