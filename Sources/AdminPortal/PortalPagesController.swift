import AuditLogs
import DirectorySync
import EmulatorCore
import Hummingbird
import Organizations
import SSO

/// The Admin Portal's pages, which a browser reaches from a generated link without an API key:
/// `GET /portal/launch` shows the link's intent; each form posts its change to the area it concerns,
/// through that area's public Swift API (so the change emits its events), then shows the page again.
/// An area's 4xx (a taken domain, a bad URL) is shown on the page, not as JSON.
public struct PortalPagesController: Sendable {
    public init() {}

    public func addBrowserRoutes(to browser: RouterGroup<EmulatorRequestContext>) {
        browser.get("portal/launch", use: launch)
        browser.post("portal/sso", use: createConnection)
        browser.post("portal/dsync", use: createDirectory)
        browser.post("portal/domains", use: verifyDomain)
        browser.post("portal/audit_logs/export", use: exportAuditLogs)
        browser.post("portal/certificates", use: uploadCertificate)
    }

    @Sendable func launch(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        do {
            let (session, cookie) = try await PortalSession.open(request, context: context, starting: true)
            var response = try await page(session, PortalView(), request)
            if let cookie {
                response.setCookie(Cookie(name: PortalLinkRecord.sessionCookie, value: cookie, path: "/portal"))
            }
            return response
        } catch PortalSession.Refusal.page(let refusal) {
            return refusal
        }
    }

    @Sendable func createConnection(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await act(request, context, intent: .sso) { session, form in
            let type = try form.string("connection_type") ?? "TestIdp"
            let metadataURL = try form.string("idp_metadata_url")
            let connection = try await session.environment.write { tx in
                try SSOAPI.createConnection(organizationID: session.link.organizationId, type: type,
                                            idpMetadataURL: metadataURL, in: tx)
            }
            return PortalView(notice: "Connection \(connection.name) (\(connection.type)) created: \(connection.state).")
        }
    }

    @Sendable func createDirectory(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await act(request, context, intent: .dsync) { session, form in
            let type = try form.string("type")
            let directory = try await session.environment.write { tx in
                try DirectorySyncAPI.createDirectory(organizationID: session.link.organizationId, type: type, in: tx)
            }
            return PortalView(notice: "Directory \(directory.name) created. Configure your identity provider with its SCIM endpoint and bearer token.")
        }
    }

    @Sendable func verifyDomain(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await act(request, context, intent: .domainVerification) { session, form in
            guard let domain = try form.string("domain"), !domain.isEmpty else { return PortalView(error: "Enter a domain.") }
            let status = try await session.environment.write { tx in
                try OrganizationsAPI.addAndVerifyDomain(domain, to: session.link.organizationId, in: tx)
            }
            return status.state == "verified"
                ? PortalView(notice: "\(status.domain) is verified.")
                : PortalView(error: "\(status.domain) could not be verified (\(status.state)).")
        }
    }

    @Sendable func exportAuditLogs(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let base = request.emulatorBaseURL
        return try await act(request, context, intent: .auditLogs) { session, form in
            guard let start = try form.string("range_start").flatMap(Timestamp.parse),
                  let end = try form.string("range_end").flatMap(Timestamp.parse), start < end
            else { return PortalView(error: "Enter a range: two ISO-8601 date-times, the first before the second.") }
            var filter = AuditLogFilter(organizationID: session.link.organizationId, rangeStart: start, rangeEnd: end)
            filter.actions = (try form.string("actions") ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let (clientID, exported) = (session.environment.clientID, filter)
            let url = try await session.environment.write { tx in
                try AuditLogsAPI.export(exported, clientID: clientID, base: base, in: tx)
            }
            return PortalView(notice: "Export ready.", exportURL: url)
        }
    }

    @Sendable func uploadCertificate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await act(request, context, intent: .certificateRenewal) { session, form in
            guard let connectionID = try form.string("connection_id"), let pem = try form.string("certificate") else {
                return PortalView(error: "Choose a connection and paste its certificate.")
            }
            try await session.environment.write { tx in
                try SSOAPI.addIdPSigningCertificate(pem: pem, to: connectionID, organizationID: session.link.organizationId, in: tx)
            }
            return PortalView(notice: "Certificate uploaded.")
        }
    }

    /// A form post: the link's session must be open for this browser and of this intent; the change's
    /// outcome, or the area's refusal, is shown on the intent's page.
    private func act(_ request: Request, _ context: EmulatorRequestContext, intent: PortalIntent,
                     _ change: (PortalSession, JSONBody) async throws -> PortalView) async throws -> Response {
        let session: PortalSession
        do {
            session = try await PortalSession.open(request, context: context, starting: false).session
        } catch PortalSession.Refusal.page(let refusal) {
            return refusal
        }
        guard session.link.intent == intent.rawValue else {
            return PortalPage.message(title: "Not allowed", "This Admin Portal link does not allow that.", status: .forbidden)
        }
        let view: PortalView
        do {
            view = try await change(session, try await JSONBody.readJSONOrForm(request))
        } catch let refused as APIError {
            view = PortalView(error: refused.body["message"]?.stringValue ?? "The change was refused.")
        }
        return try await page(session, view, request, status: view.error == nil ? .ok : .unprocessableContent)
    }

    private func page(_ session: PortalSession, _ view: PortalView, _ request: Request,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        PortalPage.render("intent", try await view.render(session, base: request.emulatorBaseURL), status: status)
    }
}
