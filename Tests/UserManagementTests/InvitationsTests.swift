import EmulatorCore
import EmulatorTesting
import Foundation
import Testing

@Suite struct InvitationsTests {
    @Test func sendAnswersTheFullShapeAndMailsTheLink() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization("Acme")
            let inviter = try await api.user("boss@example.com")
            let sent = try await api.post("/user_management/invitations", [
                "email": "New.Hire@Example.com", "organization_id": .string(orgID), "role_slug": "admin",
                "inviter_user_id": .string(try inviter.id), "expires_in_days": 3, "locale": "fr",
            ])
            #expect(sent.status == .created)
            let invitation = sent.json
            #expect(try invitation.id.hasPrefix("invitation_"))
            #expect(invitation["email"] == "new.hire@example.com")
            #expect(invitation["state"] == "pending")
            #expect(invitation["role_slug"] == "admin")
            #expect(invitation["inviter_user_id"] == inviter["id"])
            for key in ["accepted_at", "revoked_at", "accepted_user_id"] { #expect(invitation[key] == .null) }
            let created = try #require(invitation["created_at"]?.stringValue.flatMap(Timestamp.parse))
            let expires = try #require(invitation["expires_at"]?.stringValue.flatMap(Timestamp.parse))
            #expect(expires.timeIntervalSince(created) == 3 * 24 * 3600)
            let token = try #require(invitation["token"]?.stringValue)
            let url = try #require(invitation["accept_invitation_url"]?.stringValue)
            #expect(url.hasPrefix("http://") && url.hasSuffix("/invite?invitation_token=\(token)"))

            let mail = try await api.nextMessage(to: "new.hire@example.com")
            #expect(mail["kind"] == "invitation" && mail["token"] == .string(token) && mail["url"] == .string(url))
            #expect(mail["subject"] == "You have been invited to join Acme")
            #expect(mail["related"]?["invitation_id"] == invitation["id"])

            #expect(try await api.get("/user_management/invitations/\(try invitation.id)").json == invitation)
            #expect(try await api.get("/user_management/invitations/by_token/\(token)").json == invitation)
            #expect(try await api.get("/user_management/invitations/by_token/nope").status == .notFound)

            let event = try await api.environment.read { db in try Event.fetchAll(db).last }
            #expect(event?.event == "invitation.created")
            #expect(event?.data["token"] == nil && event?.data["accept_invitation_url"] == nil)
        }
    }

    @Test func sendRefusesDuplicatesAndBadInput() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            func send(_ body: JSONObject) async throws -> APIResponse { try await api.post("/user_management/invitations", .object(body)) }
            _ = try await send(["email": "twice@example.com", "organization_id": .string(orgID)])
            #expect(try await send(["email": "Twice@example.com", "organization_id": .string(orgID)]).json["code"]
                == "email_already_invited_to_organization")
            _ = try await send(["email": "app@example.com"])
            #expect(try await send(["email": "app@example.com"]).json["code"] == "email_already_invited")
            let existing = try await api.user("existing@example.com")
            #expect(try await send(["email": "existing@example.com"]).json["code"] == "user_already_exists")
            _ = try await api.membership(user: try existing.id, organization: orgID)
            #expect(try await send(["email": "existing@example.com", "organization_id": .string(orgID)]).json["code"]
                == "user_already_organization_member")

            let short = try await send(["email": "x@example.com", "expires_in_days": 0])
            #expect(short.status == .badRequest && short.json["code"] == "expires_in_days_too_short")
            #expect(try await send(["email": "x@example.com", "expires_in_days": 31]).json["code"] == "expires_in_days_too_long")
            #expect(try await send(["email": "x@example.com", "organization_id": "org_missing"]).status == .notFound)
            #expect(try await send(["email": "x@example.com", "inviter_user_id": "user_missing"]).status == .notFound)
            #expect(try await send(["email": "x@example.com", "role_slug": "admin"]).status == .unprocessableContent)
            #expect(try await send(["email": "nope"]).status == .unprocessableContent)
        }
    }

    @Test func acceptingCreatesTheUserAndTheMembership() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let invitation = try await api.post("/user_management/invitations", [
                "email": "joiner@example.com", "organization_id": .string(orgID), "role_slug": "admin",
            ]).json
            let accepted = try await api.post("/user_management/invitations/\(try invitation.id)/accept")
            #expect(accepted.status == .ok)
            #expect(accepted.json["state"] == "accepted")
            #expect(accepted.json["accepted_at"]?.stringValue != nil)
            let userID = try #require(accepted.json["accepted_user_id"]?.stringValue)
            let user = try await api.get("/user_management/users/\(userID)").json
            #expect(user["email"] == "joiner@example.com" && user["email_verified"] == true)
            let memberships = try await api.get("/user_management/organization_memberships?user_id=\(userID)").json
            let membership = try #require(memberships["data"]?.arrayValue?.first)
            #expect(membership["organization_id"] == .string(orgID) && membership["role"] == ["slug": "admin"])
            #expect(try await api.events("").suffix(3)
                == ["user.created", "organization_membership.created", "invitation.accepted"])

            let again = try await api.post("/user_management/invitations/\(try invitation.id)/accept")
            #expect(again.status == .badRequest && again.json["code"] == "invite_not_pending")
        }
    }

    @Test func anExistingUserIsPendingUntilAccepting() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let user = try await api.user("known@example.com")
            let invitation = try await api.post("/user_management/invitations", [
                "email": "known@example.com", "organization_id": .string(orgID),
            ]).json
            let pending = try await api.get("/user_management/organization_memberships?user_id=\(try user.id)&statuses=pending").json
            #expect(pending["data"]?.arrayValue?.count == 1)
            let accepted = try await api.post("/user_management/invitations/\(try invitation.id)/accept").json
            #expect(accepted["accepted_user_id"] == user["id"])
            let active = try await api.get("/user_management/organization_memberships?user_id=\(try user.id)").json
            #expect(active["data"]?.arrayValue?.first?["status"] == "active")
            #expect(try await api.events("user.") == ["user.created"])
        }
    }

    @Test func anInvitationExpiresOnTheEnvironmentClock() async throws {
        try await TestEmulator.run { api in
            // Frozen, so the second before expiry cannot slip by while a loaded machine answers.
            try api.environment.clock.set(try api.environment.clock.now(), frozen: true)
            let invitation = try await api.post("/user_management/invitations", ["email": "late@example.com", "expires_in_days": 1]).json
            let path = "/user_management/invitations/\(try invitation.id)"
            try api.environment.clock.advance(by: 24 * 3600 - 1)
            #expect(try await api.get(path).json["state"] == "pending")
            try api.environment.clock.advance(by: 1)
            #expect(try await api.get(path).json["state"] == "expired")

            let accept = try await api.post("\(path)/accept")
            #expect(accept.status == .badRequest && accept.json["code"] == "invite_not_pending")
            #expect(try await api.post("\(path)/resend").json["code"] == "invite_expired")
            #expect(try await api.post("\(path)/revoke").json["code"] == "invite_not_pending")
            // An expired invitation no longer blocks a new one.
            #expect(try await api.post("/user_management/invitations", ["email": "late@example.com"]).status == .created)
        }
    }

    @Test func aRevokedInvitationCannotBeAccepted() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let user = try await api.user("revoked@example.com")
            let invitation = try await api.post("/user_management/invitations", [
                "email": "revoked@example.com", "organization_id": .string(orgID),
            ]).json
            let path = "/user_management/invitations/\(try invitation.id)"
            let revoked = try await api.post("\(path)/revoke")
            #expect(revoked.status == .ok && revoked.json["state"] == "revoked" && revoked.json["revoked_at"] != .null)
            let accept = try await api.post("\(path)/accept")
            #expect(accept.status == .badRequest && accept.json["code"] == "invite_not_pending")
            #expect(accept.json["message"] == "Invite has been revoked.")
            #expect(try await api.post("\(path)/resend").json["code"] == "invite_revoked")
            #expect(try await api.post("\(path)/revoke").json["code"] == "invite_not_pending")
            // The pending membership the invitation made went with it.
            let memberships = try await api.get(
                "/user_management/organization_memberships?user_id=\(try user.id)&statuses=active,inactive,pending").json
            #expect(memberships["data"] == [])
        }
    }

    @Test func resendMailsTheSameLinkAgain() async throws {
        try await TestEmulator.run { api in
            let invitation = try await api.post("/user_management/invitations", ["email": "again@example.com"]).json
            let first = try await api.nextMessage(to: "again@example.com")
            let resent = try await api.post("/user_management/invitations/\(try invitation.id)/resend", ["locale": "de"])
            #expect(resent.status == .ok)
            #expect(resent.json["token"] == invitation["token"] && resent.json["expires_at"] == invitation["expires_at"])
            let second = try await api.nextMessage(to: "again@example.com")
            #expect(second["url"] == first["url"] && second["id"] != first["id"])
            #expect(try await api.events("invitation.") == ["invitation.created", "invitation.resent"])
            _ = try await api.post("/user_management/invitations/\(try invitation.id)/accept")
            #expect(try await api.post("/user_management/invitations/\(try invitation.id)/resend").json["code"] == "invite_accepted")
        }
    }

    @Test func listFiltersByEmailAndOrganization() async throws {
        try await TestEmulator.run { api in
            let orgID = try await api.organization()
            let inOrg = try await api.post("/user_management/invitations", ["email": "a@example.com", "organization_id": .string(orgID)]).json
            let alone = try await api.post("/user_management/invitations", ["email": "b@example.com"]).json
            func ids(_ query: String) async throws -> [JSON] {
                try await api.get("/user_management/invitations?\(query)").json["data"]?.arrayValue?.compactMap { $0["id"] } ?? []
            }
            #expect(try await ids("organization_id=\(orgID)") == [inOrg["id"]])
            #expect(try await ids("email=B@example.com") == [alone["id"]])
            #expect(try await ids("order=asc") == [inOrg["id"], alone["id"]])
        }
    }
}
