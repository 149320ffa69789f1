import EmulatorCore
import EmulatorTesting
import GRDB
import Testing

/// Shortcuts the Authorization suites share.
extension APIClient {
    /// The logged events whose type starts with `prefix`, oldest first.
    func events(_ prefix: String) async throws -> [Event] {
        try await environment.read { db in
            try Event.filter(Column("event").like("\(prefix)%")).order(Column("id")).fetchAll(db)
        }
    }

    func permission(_ slug: String, resourceType: String? = nil) async throws -> JSON {
        try await created("/authorization/permissions", [
            "slug": .string(slug), "name": .string(slug), "resource_type_slug": .string(resourceType),
        ])
    }

    /// A new user's membership of the organization, with the body's role fields.
    func membership(in organizationID: String, _ fields: JSONObject = [:]) async throws -> JSON {
        let user = try await created("/user_management/users", ["email": .string("\(ObjectID.token(8).lowercased())@example.com")])
        var body = fields
        body["user_id"] = .string(try user.id)
        body["organization_id"] = .string(organizationID)
        return try await created("/user_management/organization_memberships", .object(body))
    }
}

extension JSON {
    /// The `slug`s of a list's items (or of a role's `permissions`).
    var slugs: [String] {
        (self["data"]?.arrayValue ?? []).compactMap { $0["slug"]?.stringValue }
    }
}

extension JSON {
    /// With its keys in the order parsing gives them, to compare a literal with what came off the wire.
    var parsedForm: JSON { (try? JSON.parse(text)) ?? self }
}

extension JSON {
    /// An array's item, nil past its end or when this is no array.
    subscript(index: Int) -> JSON? {
        guard let items = arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The `id`s of a list's items.
}
