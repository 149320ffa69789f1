import EmulatorCore
import Foundation

/// Someone the test identity provider can sign in: one of the users a connection offers (set in a
/// scenario), or whoever the tester types on its page, guests from other domains included.
struct IdPUser: Codable, Sendable, Equatable {
    var email: String
    var firstName: String?
    var lastName: String?
    /// The identity provider's own ID for the user. Typed users get their email, as a SAML NameID
    /// often is, so signing the same person in twice lands on the same profile.
    var idpId: String
    var groups: [String] = []
    /// Role slugs the identity provider assigns.
    var roles: [String] = []
    var customAttributes: JSONObject = [:]
    /// Extra attributes the identity provider asserts, beyond the standard ones.
    var rawAttributes: JSONObject = [:]

    init(email: String, firstName: String?, lastName: String?, idpId: String? = nil) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.idpId = idpId ?? email.lowercased()
    }

    /// What the identity provider asserts about the user: the standard attributes under the names a
    /// typical IdP uses, then the configured extras (which may override them).
    var assertion: JSONObject {
        var assertion: JSONObject = [
            "id": .string(idpId),
            "email": .string(email),
            "firstName": .string(firstName),
            "lastName": .string(lastName),
            "groups": .strings(groups),
        ]
        for (key, value) in rawAttributes.pairs { assertion[key] = value }
        return assertion
    }

    var displayName: String {
        let name = [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        return name.isEmpty ? email : name
    }

    /// A rough email check: something before and after a single `@`, and a dot in the domain.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace)
    }
}
