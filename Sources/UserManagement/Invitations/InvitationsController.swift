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
        let now = environment.clock.now()
        return .json(page.wire { $0.wire(at: now) })
    }

    /// An invitation to an organization makes an existing user's membership `pending` until accepted;
    /// one without an organization is for addresses that have no user yet.
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
        let invitation = try await context.env().write { tx in
            let organizationName = try organizationID.map { try OrganizationsAPI.summary(of: $0, in: tx.db).name }
            if let inviterUserID { _ = try UserRecord.find(inviterUserID, in: tx.db) }
            let roleSlug = try organizationID.map {
                try MembershipRoles.validate([requestedRole ?? MembershipRoles.defaultSlug], organizationID: $0, in: tx.db,
                                             status: .badRequest)[0]
            }
            let pendingMembership = try Self.checkInvitable(email, organizationID: organizationID, roleSlug: roleSlug, in: tx)
            let record = InvitationRecord(email: email, organizationID: organizationID, roleSlug: roleSlug,
                                          inviterUserID: inviterUserID, days: days, baseURL: baseURL, in: tx)
            try record.insert(tx.db)
            try tx.emit("invitation.created", record.eventWire(at: tx.now))
            try pendingMembership?.create(in: tx)
            try record.mail(organizationName: organizationName, in: tx)
            return record.wire(at: tx.now)
        }
        return .json(invitation, status: .created)
    }

    /// WorkOS's 400s for an invitation that would duplicate another or a membership. Returns the pending
    /// membership an existing user gets in the organization, for the caller to create.
    private static func checkInvitable(_ email: String, organizationID: String?, roleSlug: String?,
                                       in tx: Transaction) throws -> MembershipRecord? {
        let user = try UserRecord.find(email: email, in: tx.db)
        guard let organizationID else {
            if try InvitationRecord.pending(email: email, organizationID: nil, at: tx.now, in: tx.db) != nil {
                throw APIError(.badRequest, code: "email_already_invited", message: "\(email) already has a pending invitation.")
            }
            if user != nil {
                throw APIError(.badRequest, code: "user_already_exists", message: "A user with email \(email) already exists.")
            }
            return nil
        }
        if try InvitationRecord.pending(email: email, organizationID: organizationID, at: tx.now, in: tx.db) != nil {
            throw APIError(.badRequest, code: "email_already_invited_to_organization",
                           message: "\(email) already has a pending invitation to this organization.")
        }
        guard let user else { return nil }
        switch try MembershipRecord.find(userID: user.id, organizationID: organizationID, in: tx.db)?.status {
        case .active?:
            throw APIError(.badRequest, code: "user_already_organization_member",
                           message: "\(email) is already a member of this organization.")
        case nil:
            return MembershipRecord(userID: user.id, organizationID: organizationID, status: .pending,
                                    roleSlugs: [roleSlug ?? MembershipRoles.defaultSlug], in: tx)
        case .inactive?, .pending?:
            return nil  // accepting the invitation activates the membership that is already there
        }
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        let environment = try context.env()
        let record = try await environment.read { db in try InvitationRecord.find(id, in: db) }
        return .json(record.wire(at: environment.clock.now()))
    }

    @Sendable func getByToken(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let token = try context.parameter("token")
        let environment = try context.env()
        guard let record = try await environment.read({ db in try InvitationRecord.find(token: token, in: db) }) else {
            throw APIError.notFound("Invitation", token)
        }
        return .json(record.wire(at: environment.clock.now()))
    }

    @Sendable func accept(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().write { tx in
            var record = try InvitationRecord.find(id, in: tx.db)
            try record.accept(in: tx)
            return record.wire(at: tx.now)
        })
    }

    /// Mails the invitation again (same token and expiry); only a pending invitation can be resent.
    @Sendable func resend(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        _ = try await JSONBody.read(request).string("locale")  // only the language of the email
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
            return record.wire(at: tx.now)
        })
    }

    /// Revokes a pending invitation; the pending membership it gave an existing user goes with it.
    @Sendable func revoke(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().write { tx in
            var record = try InvitationRecord.find(id, in: tx.db)
            guard record.state(at: tx.now) == "pending" else {
                throw APIError(.badRequest, code: "invite_not_pending", message: "Invite is not pending.")
            }
            record.state = .revoked
            record.revokedAt = tx.now
            try record.save(emitting: "invitation.revoked", in: tx)
            if let organizationID = record.organizationId, let user = try UserRecord.find(email: record.email, in: tx.db),
               let membership = try MembershipRecord.find(userID: user.id, organizationID: organizationID, in: tx.db),
               membership.status == .pending {
                try membership.remove(in: tx)
            }
            return record.wire(at: tx.now)
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
