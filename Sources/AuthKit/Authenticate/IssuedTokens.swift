import Authorization
import EmulatorCore
import Foundation
import GRDB
import UserManagement

/// A session's access token claims and fresh refresh token, decided in the transaction; the token is
/// signed once it commits (`response()`), so RSA never runs while the database is locked.
struct IssuedTokens: Sendable {
    let user: JSON
    let organizationID: String?
    let method: AuthenticationMethod
    let impersonator: Impersonator?
    let claims: JSON
    let key: SigningKeyRecord
    let refreshToken: String

    /// Claims as WorkOS documents them: `iss, sub, act?` (an impersonation's), `sid, jti, iat, exp`, and in an organization `org_id,
    /// role, roles, permissions, entitlements, feature_flags`. Times are the environment clock's. The
    /// environment's JWT template adds its claims after these, never replacing one of them.
    static func mint(for session: SessionRecord, user: UserAccount, membership: MembershipSummary?, issuer: String,
                     in tx: Transaction) throws -> IssuedTokens {
        let settings = try AuthKitSettings.current(in: tx.db)
        let issuedAt = Int(tx.now.timeIntervalSince1970)
        var claims: JSONObject = ["iss": .string(issuer), "sub": .string(user.id)]
        if let impersonator = session.impersonator { claims["act"] = impersonator.actClaim }
        claims["sid"] = .string(session.id)
        if let membership {
            claims["org_id"] = .string(membership.organizationID)
            claims["role"] = .string(membership.roleSlugs[0])
            claims["roles"] = .strings(membership.roleSlugs)
            claims["permissions"] = .strings(try AuthorizationAPI.permissions(ofMembership: membership.id, roles: membership.roleSlugs,
                                                                              in: membership.organizationID, db: tx.db))
            claims["entitlements"] = []
            claims["feature_flags"] = []
        }
        claims["jti"] = .string(ObjectID.shared.ulid(at: tx.now))
        claims["iat"] = .int(issuedAt)
        claims["exp"] = .int(issuedAt + settings.accessTokenLifetimeSeconds)
        let templateClaims = try JWTTemplateRecord.claims(in: tx.db) {
            try JWTTemplateContext.make(user: user, membership: membership, in: tx.db)
        }
        for (key, value) in templateClaims.pairs where claims[key] == nil {
            claims[key] = value
        }
        return IssuedTokens(
            user: user.wire, organizationID: membership?.organizationID,
            method: AuthenticationMethod(rawValue: session.authenticationMethod) ?? .password,
            impersonator: session.impersonator,
            claims: .object(claims), key: try SigningKeyRecord.current(in: tx),
            refreshToken: try RefreshTokenRecord.issue(for: session.id, in: tx).token)
    }

    var userID: String { user["id"]?.stringValue ?? "" }

    /// The authenticate response: `user, organization_id?, access_token, refresh_token,
    /// authentication_method, impersonator?`. `featureFlags` fill the claim where the token has one (in
    /// an organization).
    func response(featureFlags: [String]) throws -> JSON {
        var claims = claims
        if claims["feature_flags"] != nil { claims.set("feature_flags", .strings(featureFlags)) }
        var body: JSONObject = ["user": user]
        if let organizationID { body["organization_id"] = .string(organizationID) }
        body["access_token"] = .string(try JSONWebToken.sign(claims, with: key))
        body["refresh_token"] = .string(refreshToken)
        body["authentication_method"] = .string(method.rawValue)
        if let impersonator { body["impersonator"] = impersonator.wire }
        return .object(body)
    }
}
