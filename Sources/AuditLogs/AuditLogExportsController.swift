import EmulatorCore
import Hummingbird
import Organizations

/// `/audit_logs/exports`: export an organization's events to a CSV, and the CSV's download, which a
/// browser fetches with the token in its URL instead of an API key.
public struct AuditLogExportsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.post("audit_logs/exports", use: create)
        api.get("audit_logs/exports/:id", use: get)
    }

    public func addBrowserRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.get("audit_logs/exports/:id/download", use: download)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let filter = try AuditLogFilter(try await JSONBody.read(request))
        let environment = try context.env()
        let base = request.emulatorBaseURL
        let created = try await environment.write { tx in
            _ = try OrganizationsAPI.summary(of: filter.organizationID, in: tx.db)
            let record = try AuditLogExportRecord(filter, clientID: environment.clientID, in: tx)
            try record.insert(tx.db)
            return record.wire(base: base)
        }
        return .json(created, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let base = request.emulatorBaseURL
        return .json(try await context.env().read { db in try AuditLogExportRecord.find(id, in: db).wire(base: base) })
    }

    /// Anything short of the right token for an existing export is the same 404, so a URL reveals nothing
    /// about exports it was not issued for.
    @Sendable func download(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let token = QueryParameters(request).string("token")
        guard let environment = context.environment,
              let export = try await environment.read({ db in try AuditLogExportRecord.fetchOne(db, key: id) }),
              export.downloadToken == token
        else { throw APIError.notFound("Audit Log Export", id) }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(export.id).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: export.csv)))
    }
}
