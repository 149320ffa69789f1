import EmulatorCore
import Hummingbird

/// `/user_management/magic_auth`: mail a sign-in code (captured in the outbox) and read it. Like
/// WorkOS, creating a code for an unknown address signs the user up: the user exists from then on.
public struct MagicAuthController: Sendable {
    public init() {}

    public func addRoutes(to api: RouterGroup<EmulatorRequestContext>) {
        let group = api.group("user_management/magic_auth")
        group.post(use: create)
        // The deprecated name older SDKs still call (Node's `sendMagicAuthCode`).
        group.post("send", use: create)
        group.get(":id", use: get)
    }

    @Sendable func create(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        let email = try UserFields.email(try body.requiredString("email"))
        let invitationToken = try body.string("invitation_token")
        let magicAuth = try await context.env().write { tx in
            if let invitationToken {
                let invitation = try InvitationRecord.find(token: invitationToken, in: tx.db)
                guard let invitation, invitation.email == email, invitation.state(at: tx.now) == "pending" else {
                    throw APIError.oauth(error: "invitation_invalid",
                                         description: "The invitation token is not a pending invitation for \(email).")
                }
            }
            let user = try UserRecord.find(email: email, in: tx.db) ?? UserRecord.signUp(email: email, in: tx)
            let magicAuth = MagicAuthRecord(user: user, invitationToken: invitationToken, in: tx)
            try magicAuth.insert(tx.db)
            try tx.emit("magic_auth.created", magicAuth.eventWire)
            try tx.send(to: email, kind: "magic_auth", subject: "Your sign-in code is \(magicAuth.code)",
                        code: magicAuth.code,
                        related: ["user_id": .string(user.id), "magic_auth_id": .string(magicAuth.id)])
            return magicAuth.wire
        }
        return .json(magicAuth, status: .created)
    }

    @Sendable func get(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let id = try context.parameter("id")
        return .json(try await context.env().read { db in try MagicAuthRecord.find(id, in: db).wire })
    }
}
