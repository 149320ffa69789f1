import Foundation
import EmulatorCore

/// The fields roles, permissions and resources share, checked as the spec bounds them: names up to 48
/// characters, descriptions up to 150, slugs of the characters each kind allows.
enum AuthorizationFields {
    enum SlugKind {
        /// `documents:read`, `posts.*`: lowercase letters, digits, `-`, `_`, `:`, `.`, `*`.
        case permission
        /// `editor`: lowercase letters, digits, `-`, `_`.
        case environmentRole
        /// `org-billing-admin`: as an environment role, beginning with `org-`.
        case organizationRole
    }

    static let maxNameLength = 48
    static let maxDescriptionLength = 150

    static func slug(_ text: String, field: String = "slug", kind: SlugKind) throws -> String {
        let allowed: (Character) -> Bool = switch kind {
        case .permission: { $0.isLowercaseASCIILetterOrDigit || "-_:.*".contains($0) }
        case .environmentRole, .organizationRole: { $0.isLowercaseASCIILetterOrDigit || "-_".contains($0) }
        }
        guard !text.isEmpty else { throw JSONBody.required(field) }
        guard text.count <= maxNameLength, text.allSatisfy(allowed) else {
            let characters = kind == .permission
                ? "lowercase letters, numbers, hyphens, underscores, colons, periods and asterisks"
                : "lowercase letters, numbers, hyphens and underscores"
            throw APIError.invalidParameter(field, code: "invalid_value",
                                            "\(field) '\(text)' must be at most \(maxNameLength) \(characters).")
        }
        if kind == .organizationRole, !text.hasPrefix("org-") {
            throw APIError.invalidParameter(field, code: "invalid_value", "\(field) '\(text)' must begin with 'org-'.")
        }
        return text
    }

    /// `name`, trimmed; nil when absent and not required.
    static func name(in body: JSONBody, required: Bool) throws -> String? {
        guard let name = try body.string("name")?.trimmingCharacters(in: .whitespaces) else {
            if required { throw JSONBody.required("name") }
            return nil
        }
        guard !name.isEmpty else { throw JSONBody.required("name") }
        try ensureLength(name, field: "name", max: maxNameLength)
        return name
    }

    /// `description`: a string, or `null` to clear it.
    static func description(in body: JSONBody) throws -> FieldUpdate<String> {
        let update = try body.update("description", body.string)
        if case .set(let text) = update { try ensureLength(text, field: "description", max: maxDescriptionLength) }
        return update
    }

    /// `resource_type_slug`; `organization` when absent. Resource types are configured in the WorkOS
    /// dashboard, not through the API, so any well-formed slug is taken as one.
    static func resourceTypeSlug(in body: JSONBody, field: String = "resource_type_slug") throws -> String {
        guard let slug = try body.string(field) else { return AuthorizationAPI.organizationResourceType }
        return try resourceTypeSlug(slug, field: field)
    }

    static func resourceTypeSlug(_ slug: String, field: String) throws -> String {
        guard !slug.isEmpty else { throw JSONBody.required(field) }
        try ensureLength(slug, field: field, max: maxNameLength)
        return slug
    }

    static func ensureLength(_ text: String, field: String, max: Int) throws {
        guard text.count <= max else {
            throw APIError.invalidParameter(field, code: "too_long", "\(field) must be at most \(max) characters.")
        }
    }
}

private extension Character {
    var isLowercaseASCIILetterOrDigit: Bool { isASCII && (isLowercase || isNumber) }
}
