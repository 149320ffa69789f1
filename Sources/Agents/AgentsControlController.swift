import EmulatorCore
import Hummingbird
import Organizations

/// `POST /_emulator/agents/registrations`: registers an agent in an organization, as WorkOS's agent
/// sign-up flows (not emulated) do. Body: `organization_id`, optionally `kind` (`anonymous`,
/// `service_auth`, the default, or `identity_assertion`) and `userland_user_id`. Answers the
/// registration, `verified`, 201. A control route: unknown fields are errors.
public struct AgentsControlController: Sendable {
    public init() {}

    public func addRoutes(to control: RouterGroup<EmulatorRequestContext>) {
        control.post("agents/registrations", use: register)
    }

    @Sendable func register(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let body = try await JSONBody.read(request)
        try body.rejectUnknownFields(allowed: ["organization_id", "kind", "userland_user_id"])
        let organizationID = try body.requiredString("organization_id")
        let kind = try body.string("kind") ?? "service_auth"
        guard RegistrationRecord.kinds.contains(kind) else {
            throw APIError.invalidParameter("kind", code: "invalid_value",
                                            "kind must be one of \(RegistrationRecord.kinds.joined(separator: ", ")).")
        }
        let userlandUserID = try body.string("userland_user_id")
        return .json(try await context.env().write { tx in
            _ = try OrganizationsAPI.summary(of: organizationID, in: tx.db)
            return try RegistrationRecord.register(organizationID: organizationID, kind: kind, userlandUserID: userlandUserID, in: tx).wire
        }, status: .created)
    }
}
