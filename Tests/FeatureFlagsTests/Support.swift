import EmulatorCore
import EmulatorTesting
import Foundation
import GRDB
import Testing

/// Shortcuts the Feature Flags suites share.
extension APIClient {
    /// The logged events whose type starts with `flag.`, oldest first.
    func flagEvents() async throws -> [Event] {
        try await environment.read { db in
            try Event.filter(Column("event").like("flag.%")).order(Column("id")).fetchAll(db)
        }
    }

    func flag(_ slug: String, _ fields: JSONObject = [:]) async throws -> JSON {
        var body = fields
        body["slug"] = .string(slug)
        return try await created("/_emulator/feature_flags", .object(body))
    }

    func user(_ email: String, password: String? = nil) async throws -> String {
        var body: JSONObject = ["email": .string(email), "email_verified": true]
        if let password { body["password"] = .string(password) }
        return try await created("/user_management/users", .object(body)).id
    }
}

extension JSON {
    /// The `slug`s of a list's items.
    var slugs: [String] { (self["data"]?.arrayValue ?? []).compactMap { $0["slug"]?.stringValue } }

    /// The claims of a JWT held in this string.
    var jwtClaims: JSON {
        get throws {
            let parts = try #require(stringValue).split(separator: ".")
            try #require(parts.count == 3)
            var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            return try JSON.parse(try #require(Data(base64Encoded: base64)))
        }
    }
}
