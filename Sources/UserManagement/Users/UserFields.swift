import EmulatorCore

/// Checks of the user fields with rules of their own.
enum UserFields {
    /// The spec's external ID: at most 128 ASCII characters.
    static func externalID(_ value: String) throws -> String {
        guard !value.isEmpty, value.count <= 128, value.allSatisfy(\.isASCII) else {
            throw APIError.invalidParameter("external_id", code: "invalid_value",
                                            "external_id must be 1 to 128 ASCII characters.")
        }
        return value
    }

    /// A BCP 47-shaped locale (`en`, `en-US`, `pt-BR`, `zh-Hant-TW`); WorkOS's 400 `invalid_locale` otherwise.
    static func locale(_ value: String) throws -> String {
        guard value.wholeMatch(of: /[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*/) != nil else {
            throw APIError(.badRequest, code: "invalid_locale", message: "'\(value)' is not a valid locale.")
        }
        return value
    }

    /// An email given to create something: a malformed one is a 422 naming the field.
    static func email(_ raw: String, field: String = "email") throws -> String {
        guard let email = EmailAddress.normalize(raw) else {
            throw APIError.invalidParameter(field, code: "invalid_email", "'\(raw)' is not a valid email address.")
        }
        return email
    }
}
