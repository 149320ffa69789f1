import _CryptoExtras
import Crypto
import EmulatorCore
import EmulatorTesting
import Foundation
import GRDB
import Testing

/// Shortcuts the AuthKit suites share.
extension APIClient {
    var clientID: String { get throws { try environment.clientID } }

    /// The types of the logged events whose type starts with `prefix`, oldest first.
    func events(_ prefix: String = "") async throws -> [String] {
        try await environment.read { db in
            try Event.filter(Column("event").like("\(prefix)%")).order(Column("id")).fetchAll(db).map(\.event)
        }
    }

    func lastEvent(_ type: String) async throws -> JSON? {
        try await environment.read { db in
            try Event.filter(Column("event") == type).order(Column("id").desc).fetchOne(db)?.data
        }
    }

    @discardableResult
    func user(_ email: String, password: String? = "correct-horse-9", verified: Bool = true) async throws -> JSON {
        var body: JSONObject = ["email": .string(email), "email_verified": .bool(verified)]
        if let password { body["password"] = .string(password) }
        let created = try await post("/user_management/users", .object(body))
        guard created.status == .created else { throw TestFailure("user not created: \(created.text)") }
        return created.json
    }

    func member(_ userID: JSON?, of organizationID: String, role: String? = nil) async throws {
        var body: JSONObject = ["user_id": userID ?? .null, "organization_id": .string(organizationID)]
        if let role { body["role_slug"] = .string(role) }
        let created = try await post("/user_management/organization_memberships", .object(body))
        guard created.status == .created else { throw TestFailure("membership not created: \(created.text)") }
    }

    /// `POST /user_management/authenticate` as the SDK sends it (client ID and secret in the body), or
    /// as a public client does (`secret: false`: the client ID alone, no key at all).
    func authenticate(_ grantType: String, _ fields: JSONObject, secret: Bool = true) async throws -> APIResponse {
        var body = fields
        body["grant_type"] = .string(grantType)
        body["client_id"] = .string(try clientID)
        if secret { body["client_secret"] = .string(apiKey ?? "") }
        return try await (secret ? self : with(apiKey: nil)).post("/user_management/authenticate", .object(body))
    }

    func password(_ email: String, _ password: String = "correct-horse-9") async throws -> APIResponse {
        try await authenticate("password", ["email": .string(email), "password": .string(password)])
    }

    func settings(_ fields: JSON) async throws {
        let changed = try await request(.put, "/_emulator/authkit", json: fields)
        guard changed.status == .ok else { throw TestFailure("settings not changed: \(changed.text)") }
    }

    func advanceClock(_ seconds: Int) async throws {
        try await post("/_emulator/clock", ["advance_seconds": .int(seconds)])
    }

    func nextMessage(to address: String) async throws -> JSON {
        let next = try await get("/_emulator/outbox/next?email=\(address)&timeout_ms=2000")
        guard next.status == .ok else { throw TestFailure("no message for \(address): \(next.text)") }
        return next.json
    }

    /// The access token's claims, after checking its RS256 signature against the environment's JWKS.
    func verifiedClaims(_ token: String?) async throws -> JSON {
        let parts = try #require(token).split(separator: ".").map(String.init)
        try #require(parts.count == 3)
        let header = try JSON.parse(try #require(Base64URLTest.decode(parts[0])))
        let jwks = try await with(apiKey: nil).get("/sso/jwks/\(try clientID)").json
        let key = try #require(jwks["keys"]?.arrayValue?.first { $0["kid"] == header["kid"] })
        let publicKey = try _RSA.Signing.PublicKey(n: try #require(Base64URLTest.decode(key["n"]?.stringValue)),
                                                   e: try #require(Base64URLTest.decode(key["e"]?.stringValue)))
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try #require(Base64URLTest.decode(parts[2])))
        #expect(publicKey.isValidSignature(signature, for: Data("\(parts[0]).\(parts[1])".utf8), padding: .insecurePKCS1v1_5))
        #expect(header["alg"] == "RS256")
        return try JSON.parse(try #require(Base64URLTest.decode(parts[1])))
    }
}

enum Base64URLTest {
    static func decode(_ text: String?) -> Data? {
        guard let text else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

/// A form post, as the hosted pages receive it, answered without following redirects.
extension APIClient {
    func form(_ path: String, _ fields: [String: String]) async throws -> APIResponse {
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await send(.post, path, body: body, headers: [.contentType: "application/x-www-form-urlencoded"])
    }
}

/// RFC 6238 written again for the tests (HMAC-SHA1, six digits, 30 s), so the emulator's TOTP is
/// checked against an independent implementation.
enum TestTOTP {
    static func code(secret: String, at date: Date) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var key: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in secret {
            buffer = (buffer << 5) | alphabet.firstIndex(of: character)!
            bits += 5
            if bits >= 8 {
                key.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        let counter = UInt64(date.timeIntervalSince1970) / 30
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        let offset = Int(mac[19] & 0x0F)
        let value = (UInt32(mac[offset] & 0x7F) << 24 | UInt32(mac[offset + 1]) << 16
            | UInt32(mac[offset + 2]) << 8 | UInt32(mac[offset + 3])) % 1_000_000
        return String(format: "%06d", value)
    }
}

extension APIClient {
    /// The environment clock's reading, for TOTP codes.
    var now: Date { get throws { try environment.clock.now() } }

    /// An authorize URL's query for this environment.
    func authorizeURL(_ extra: String = "", redirect: String = "http://localhost:3000/cb") throws -> String {
        let encoded = redirect.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? redirect
        return "/user_management/authorize?client_id=\(try clientID)&redirect_uri=\(encoded)&response_type=code\(extra)"
    }

    /// Automatic sign-in: the code the redirect carries.
    func code(for email: String, _ extra: String = "&provider=authkit") async throws -> String {
        let response = try await with(apiKey: nil).get(try authorizeURL("\(extra)&login_hint=\(email)&emulator_sign_in=automatic"))
        try #require(response.status == .found, "\(response.status) \(response.text)")
        return try #require(response.redirectQuery["code"])
    }
}

extension APIResponse {
    var location: String? { headers[.location] }

    /// The query of the `Location` a redirect points at.
    var redirectQuery: [String: String] {
        guard let location, let items = URLComponents(string: location)?.queryItems else { return [:] }
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }
}
