import EmulatorCore
import GRDB
import Hummingbird
import Organizations

/// `/user_management/invitations`: invite an address (to an organization, or to the application),
/// read, list, resend, revoke and accept invitations. The invitation email is captured in the outbox.
public struct InvitationsController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("user_management/invitations")
        group.get(use: list)
        group.post(use: create)
        group.get("by_token/:token", use: getByToken)
        group.get(":id", use: get)
        group.post(":id/accept", use: accept)
        group.post(":id/resend", use: resend)
        group.post(":id/revoke", use: revoke)
    }

    @Sendable func list(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let query = QueryParameters(request)
        let list = try ListQuery(query)
        let email = query.string("email").map { EmailAddress.normalize($0) ?? $0.lowercased() }
        let organizationID = query.string("organization_id")
        let environment = try context.env()
        let page = try await environment.read { db in
            var invitations = InvitationRecord.all()
            if let email { invitations = invitations.filter(Column("email") == email) }
            if let organizationID { invitations = invitations.filter(Column("organization_id") == organizationID) }
            return try invitations.page(list, in: db)
        }
        let (now, baseURL) = (environment.clock.now(), request.emulatorBaseURL)
        return .json(page.wire { $0.wire(at: now, baseURL: baseURL) })
    }

    /// An invitation to an organization makes an existing user's membership `pending` until accepted;
    /// one without an organization is for addresses that have no user yet (see `NewInvitation`).
    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let email = try UserFields.email(try body.requiredString("email"))
        let organizationID = try body.string("organization_id")
        let requestedRole = try body.string("role_slug")
        if requestedRole != nil && organizationID == nil {
            throw APIError.invalidParameter("role_slug", code: "invalid_value", "role_slug requires organization_id.")
        }
        let inviterUserID = try body.string("inviter_user_id")
        let days = try body.int("expires_in_days") ?? OneTimeCode.invitationDefaultDays
        guard days >= OneTimeCode.invitationDays.lowerBound else {
            throw APIError(.badRequest, code: "expires_in_days_too_short",
                           message: "expires_in_days must be at least \(OneTimeCode.invitationDays.lowerBound).")
        }
        guard days <= OneTimeCode.invitationDays.upperBound else {
            throw APIError(.badRequest, code: "expires_in_days_too_long",
                           message: "expires_in_days must be at most \(OneTimeCode.invitationDays.upperBound).")
        }
        _ = try body.string("locale")  // only the language of the email: checked, not kept
        let baseURL = request.emulatorBaseURL
        let invitation = NewInvitation(email: email, organizationID: organizationID, roleSlug: requestedRole,
                                       inviterUserID: inviterUserID, expiry: .days(days), baseURL: baseURL)
        let created = try await context.env().write { tx in try invitation.create(in: tx).wire(at: tx.now, baseURL: baseURL) }
        return .json(created, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let environment = try context.env()
        let record = try await environment.read { db in try InvitationRecord.find(id, in: db) }
        return .json(record.wire(at: environment.clock.now(), baseURL: request.emulatorBaseURL))
    }

    @Sendable func getByToken(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let token = try context.parameter("token")
        let environment = try context.env()
        guard let record = try await environment.read({ db in try InvitationRecord.find(token: token, in: db) }) else {
            throw APIError.notFound("Invitation", token)
        }
        return .json(record.wire(at: environment.clock.now(), baseURL: request.emulatorBaseURL))
    }

    @Sendable func accept(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let baseURL = request.emulatorBaseURL
        return .json(try await context.env().write { tx in
            var record = try InvitationRecord.find(id, in: tx.db)
            try record.accept(in: tx)
            return record.wire(at: tx.now, baseURL: baseURL)
        })
    }

    /// Mails the invitation again (same token and expiry); only a pending invitation can be resent.
    @Sendable func resend(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        _ = try await JSONBody.read(request).string("locale")  // only the language of the email
        let baseURL = request.emulatorBaseURL
        return .json(try await context.env().write { tx in
            var record = try InvitationRecord.find(id, in: tx.db)
            switch record.state(at: tx.now) {
            case "expired": throw APIError(.badRequest, code: "invite_expired", message: "Invite has expired.")
            case "revoked": throw APIError(.badRequest, code: "invite_revoked", message: "Invite has been revoked.")
            case "accepted": throw APIError(.badRequest, code: "invite_accepted", message: "Invite has already been accepted.")
            default: break
            }
            try record.save(emitting: "invitation.resent", in: tx)
            let organizationName = record.organizationId.flatMap { try? OrganizationsAPI.summary(of: $0, in: tx.db).name }
            try record.mail(organizationName: organizationName, in: tx)
            return record.wire(at: tx.now, baseURL: baseURL)
        })
    }

    /// Revokes a pending invitation; the pending membership it gave an existing user goes with it.
    @Sendable func revoke(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let baseURL = request.emulatorBaseURL
        return .json(try await context.env().write { tx in
            var record = try InvitationRecord.find(id, in: tx.db)
            try record.revoke(in: tx)
            return record.wire(at: tx.now, baseURL: baseURL)
        })
    }
}

extension InvitationRecord {
    /// Captures the invitation email in the outbox.
    func mail(organizationName: String?, in tx: Transaction) throws {
        var related: JSONObject = ["invitation_id": .string(id)]
        if let organizationId { related["organization_id"] = .string(organizationId) }
        if let inviterUserId { related["inviter_user_id"] = .string(inviterUserId) }
        try tx.send(to: email, kind: "invitation",
                    subject: organizationName.map { "You have been invited to join \($0)" } ?? "You have been invited",
                    token: token, url: acceptInvitationUrl, related: related)
    }
}
