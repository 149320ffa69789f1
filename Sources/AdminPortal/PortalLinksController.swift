import EmulatorCore
import GRDB
import Hummingbird
import Organizations

/// `POST /portal/generate_link` and the SDK's `POST /portal/revoke_link`.
public struct PortalLinksController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        api.post("portal/generate_link", use: generate)
        api.post("portal/revoke_link", use: revoke)
    }

    @Sendable func generate(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let organizationID = try body.requiredString("organization")
        // The spec makes `intent` optional; WorkOS's dashboard then opens on SSO, as the emulator does.
        let intentText = try body.string("intent") ?? PortalIntent.sso.rawValue
        guard let intent = PortalIntent(rawValue: intentText) else {
            throw APIError.invalidParameter("intent", code: "invalid_value",
                                            "intent must be one of \(PortalIntent.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let returnURL = try Self.url(body, "return_url")
        let successURL = try Self.url(body, "success_url")
        let externalUserID = try body.string("external_user_id")
        if let emails = try body.stringArray("it_contact_emails"), emails.count > 20 {
            throw APIError.invalidParameter("it_contact_emails", code: "too_many", "it_contact_emails accepts up to 20 emails.")
        }
        let environment = try context.env()
        let base = request.emulatorBaseURL
        let link = try await environment.write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            let record = PortalLinkRecord(
                id: tx.newID("portal_link"), token: ClientBoundToken.make(clientID: environment.clientID),
                organizationId: organizationID, intent: intent.rawValue, returnUrl: returnURL, successUrl: successURL,
                externalUserId: externalUserID, session: nil, expiresAt: tx.now.addingTimeInterval(PortalLinkRecord.lifetime),
                revokedAt: nil, createdAt: tx.now)
            try record.insert(tx.db)
            return record.url(base: base)
        }
        return .json(["link": .string(link)], status: .created)
    }

    /// Revokes every link generated for this organization and external user, with the sessions they started.
    @Sendable func revoke(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let organizationID = try body.requiredString("organization")
        let externalUserID = try body.requiredString("external_user_id")
        try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            let links = try PortalLinkRecord
                .filter(Column("organization_id") == organizationID && Column("external_user_id") == externalUserID
                    && Column("revoked_at") == nil)
                .fetchAll(tx.db)
            for var link in links {
                link.revokedAt = tx.now
                try link.update(tx.db)
            }
        }
        return .noContent
    }

    private static func url(_ body: JSONBody, _ key: String) throws -> String? {
        guard let text = try body.string(key) else { return nil }
        guard let scheme = text.split(separator: ":").first, ["http", "https"].contains(scheme.lowercased()) else {
            throw APIError.invalidParameter(key, code: "invalid_url", "\(key) must be an http or https URL.")
        }
        return text
    }
}
