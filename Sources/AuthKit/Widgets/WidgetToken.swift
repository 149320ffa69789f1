import _CryptoExtras
import EmulatorCore
import Foundation
import GRDB
import UserManagement

/// A widget session token (`POST /widgets/token`): an RS256 JWT signed with the environment's AuthKit
/// key, so it verifies against `/sso/jwks/{client_id}` like an access token. Claims: `iss`, `aud`
/// (`widgets`), `client_id` (which names the environment when the token comes back as a bearer), `sub`
/// (the user), `org_id`, `permissions` (the widget scopes), `jti`, `iat`, `exp`, on the environment clock.
public enum WidgetToken {
    /// The scopes WorkOS's spec knows.
    public static let scopes = ["widgets:users-table:manage", "widgets:domain-verification:manage", "widgets:sso:manage",
                                "widgets:api-keys:manage", "widgets:dsync:manage", "widgets:audit-log-streaming:manage",
                                "widgets:pipes:manage"]
    /// As WorkOS's widget tokens: an hour.
    static let lifetime = 60 * 60
    static let audience = "widgets"

    /// What a verified token grants, in its environment.
    public struct Session: Sendable {
        public let environment: EmulatorCore.Environment
        public let userID: String
        public let organizationID: String?
        public let scopes: [String]
    }

    /// Claims for a token, decided in the transaction that checked the user and organization.
    static func claims(userID: String, organizationID: String?, scopes: [String], clientID: String, issuer: String,
                       in tx: Transaction) -> JSON {
        let issuedAt = Int(tx.now.timeIntervalSince1970)
        var claims: JSONObject = ["iss": .string(issuer), "aud": .string(audience), "client_id": .string(clientID),
                                  "sub": .string(userID)]
        if let organizationID { claims["org_id"] = .string(organizationID) }
        claims["permissions"] = .strings(scopes)
        claims["jti"] = .string(tx.newID("widget_session"))
        claims["iat"] = .int(issuedAt)
        claims["exp"] = .int(issuedAt + lifetime)
        return .object(claims)
    }

    /// The session a bearer token opens, or nil when it is not a widget token this emulator signed and
    /// still honours: the signature checks out with the environment's key, it has not expired on the
    /// environment's clock, the user still exists and, for an organization, is still an active member.
    public static func verify(_ token: String, environment lookup: (String) -> EmulatorCore.Environment?) async throws -> Session? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]), let payloadData = Base64URL.decode(parts[1]),
              let signature = Base64URL.decode(parts[2]),
              let header = try? JSON.parse(headerData), let claims = try? JSON.parse(payloadData),
              header["alg"] == "RS256", let kid = header["kid"]?.stringValue,
              claims["aud"] == .string(audience), let clientID = claims["client_id"]?.stringValue,
              let userID = claims["sub"]?.stringValue, let expiry = claims["exp"]?.intValue,
              let environment = lookup(clientID)
        else { return nil }
        let organizationID = claims["org_id"]?.stringValue
        let signed = Data("\(parts[0]).\(parts[1])".utf8)
        let now = environment.clock.now()
        guard Int(now.timeIntervalSince1970) < expiry else { return nil }
        let honoured = try await environment.read { db -> Bool in
            guard let key = try SigningKeyRecord.fetchOne(db, key: kid),
                  try key.privateKey.publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature),
                                                                for: signed, padding: .insecurePKCS1v1_5),
                  (try? UserManagementAPI.account(userID, in: db)) != nil
            else { return false }
            let memberships = try UserManagementAPI.memberships(of: userID, in: db)
            return organizationID.map { id in memberships.contains { $0.organizationID == id && $0.status == "active" } } ?? true
        }
        guard honoured else { return nil }
        return Session(environment: environment, userID: userID, organizationID: organizationID,
                       scopes: claims["permissions"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}
