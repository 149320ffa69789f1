import APIKeys
import AuthKit
import EmulatorCore
import Foundation
import GRDB
import Hummingbird
import Organizations
import UserManagement

/// The API operations a widget token (`POST /widgets/token`) opens when it comes as the bearer in
/// place of an API key: those its scopes permit, and only within its organization. The organization is
/// read from the request (a query or body `organization_id`, or the path) or from the object the path
/// names (a membership, an invitation, a domain). Anything else is a 403.
struct WidgetAccess: Sendable {
    /// Where a request names the organization it acts in.
    enum Owner: Sendable {
        case query(String)
        case body(String)
        /// The path segment at this index is the organization's ID.
        case pathOrganization(Int)
        /// The path segment at this index is the ID of a membership, invitation or domain.
        case membership(Int)
        case invitation(Int)
        case domain(Int)
        case apiKey(Int)
    }

    struct Rule: Sendable {
        let scope: String
        let method: HTTPRequest.Method
        /// Path segments; `nil` matches any one segment.
        let path: [String?]
        let owner: Owner

        init(_ scope: String, _ method: HTTPRequest.Method, _ path: String, _ owner: Owner) {
            self.scope = scope
            self.method = method
            self.path = path.split(separator: "/").map { $0.hasPrefix(":") ? nil : String($0) }
            self.owner = owner
        }

        func matches(_ method: HTTPRequest.Method, _ segments: [String]) -> Bool {
            method == self.method && segments.count == path.count
                && zip(path, segments).allSatisfy { expected, segment in expected == nil || expected == segment }
        }
    }

    static let usersTable = "widgets:users-table:manage"
    static let domainVerification = "widgets:domain-verification:manage"
    static let apiKeys = "widgets:api-keys:manage"

    /// What the User Management widget does (list members and invitations, invite, change a role,
    /// deactivate or remove a member, resend or revoke an invitation, list the roles to offer), what the
    /// Domain Verification widget does (read the organization's domains, add, verify, remove one), and
    /// the API Keys widget (list the organization's keys, create one, revoke one), and the SSO and
    /// Directory Sync widgets' lists.
    static let rules: [Rule] = [
        Rule(usersTable, .get, "user_management/organization_memberships", .query("organization_id")),
        Rule(usersTable, .get, "user_management/organization_memberships/:id", .membership(2)),
        Rule(usersTable, .put, "user_management/organization_memberships/:id", .membership(2)),
        Rule(usersTable, .delete, "user_management/organization_memberships/:id", .membership(2)),
        Rule(usersTable, .put, "user_management/organization_memberships/:id/deactivate", .membership(2)),
        Rule(usersTable, .put, "user_management/organization_memberships/:id/reactivate", .membership(2)),
        Rule(usersTable, .get, "user_management/users", .query("organization_id")),
        Rule(usersTable, .get, "user_management/invitations", .query("organization_id")),
        Rule(usersTable, .post, "user_management/invitations", .body("organization_id")),
        Rule(usersTable, .post, "user_management/invitations/:id/resend", .invitation(2)),
        Rule(usersTable, .post, "user_management/invitations/:id/revoke", .invitation(2)),
        Rule(usersTable, .get, "authorization/organizations/:id/roles", .pathOrganization(2)),
        Rule(domainVerification, .get, "organizations/:id", .pathOrganization(1)),
        Rule(domainVerification, .post, "organization_domains", .body("organization_id")),
        Rule(domainVerification, .get, "organization_domains/:id", .domain(1)),
        Rule(domainVerification, .post, "organization_domains/:id/verify", .domain(1)),
        Rule(domainVerification, .delete, "organization_domains/:id", .domain(1)),
        Rule(apiKeys, .get, "organizations/:id/api_keys", .pathOrganization(1)),
        Rule(apiKeys, .post, "organizations/:id/api_keys", .pathOrganization(1)),
        Rule(apiKeys, .delete, "api_keys/:id", .apiKey(1)),
        Rule("widgets:sso:manage", .get, "connections", .query("organization_id")),
        Rule("widgets:dsync:manage", .get, "directories", .query("organization_id")),
    ]

    let registry: EnvironmentRegistry

    /// The session the bearer opens, once the request is checked against it; nil when the bearer is not
    /// a live widget token. A live token on a request its scopes or organization do not cover is a 403.
    func session(for bearer: String, request: inout Request) async throws -> WidgetToken.Session? {
        guard let session = try await WidgetToken.verify(bearer, environment: registry.environment(clientID:)) else {
            return nil
        }
        let segments = request.uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let method = request.method
        let rule = Self.rules.first { session.scopes.contains($0.scope) && $0.matches(method, segments) }
        guard let rule, let organizationID = session.organizationID,
              try await Self.organization(named: rule.owner, by: &request, segments: segments, in: session.environment) == organizationID
        else {
            throw APIError(.forbidden, code: "forbidden",
                           message: "The widget token does not permit \(method.rawValue) \(request.uri.path) (scopes: "
                               + "\(session.scopes.joined(separator: ", ")); organization: \(session.organizationID ?? "none")).")
        }
        return session
    }

    private static func organization(named owner: Owner, by request: inout Request, segments: [String],
                                      in environment: EmulatorCore.Environment) async throws -> String? {
        switch owner {
        case .query(let name):
            return QueryParameters(request).string(name)
        case .body(let name):
            let bytes = try await request.bufferBody(upTo: JSONBody.maximumSize)
            return (try? JSON.parse(Array(bytes.readableBytesView)))?[name]?.stringValue
        case .pathOrganization(let index):
            return segments[index]
        case .membership(let index):
            return try await environment.read { db in try UserManagementAPI.organizationID(ofMembership: segments[index], in: db) }
        case .invitation(let index):
            return try await environment.read { db in try UserManagementAPI.organizationID(ofInvitation: segments[index], in: db) }
        case .domain(let index):
            return try await environment.read { db in try OrganizationsAPI.organizationID(ofDomain: segments[index], in: db) }
        case .apiKey(let index):
            return try await environment.read { db in try APIKeysAPI.organizationID(ofKey: segments[index], in: db) }
        }
    }
}
